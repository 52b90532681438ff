import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/client'
import { ALL_ROLES, mainScreenFor, menuFor } from './navigation'

const menu = (...roles: Role[]) => menuFor(new Set(roles)).map((e) => e.route)

describe('menuFor', () => {
  it('gives an administrator the administration screens', () => {
    expect(menu('administrator')).toEqual([
      'home',
      'work-orders',
      'knowledge',
      'supervision-triggers',
      'admin-units',
      'admin-users',
      'admin-sign-in-events',
      'admin-calendar',
      'admin-categories',
      'admin-catalogue',
      'admin-deadline-rules',
      'merged-hotlines',
      'admin-channel-keys',
      'emergency-plans',
      'routing-models',
    ])
  })

  it('gives each role the work screens of its part in the lifecycle', () => {
    expect(menu('intakeAgent')).toEqual(['home', 'intake', 'sent-back', 'online-intake', 'chat-desk', 'interceptions', 'work-orders', 'knowledge', 'agent-performance', 'quality-inspection'])
    expect(menu('dispatcher')).toEqual([
      'home', 'intake', 'sent-back', 'online-intake', 'chat-desk', 'interceptions', 'dispatch', 'work-orders', 'knowledge', 'supervision', 'reminders', 'wallboard',
      'dashboards', 'analysis-reports', 'hot-spots', 'early-warnings', 'routing-acceptance', 'duty-roster',
    ])
    expect(menu('unitHandler', 'unitLiaison')).toEqual([
      'home', 'inbox', 'work-orders', 'knowledge', 'knowledge-manage', 'my-notices', 'corrections',
      'dashboards', 'assessment', 'assessment-appeals', 'rankings', 'analysis-reports', 'sampling', 'early-warnings',
    ])
    expect(menu('callbackAgent')).toEqual(['home', 'callback', 'work-orders', 'knowledge', 'service-ratings', 'agent-performance', 'quality-inspection'])
    expect(menu('supervisor')).toEqual([
      'home', 'dispatch', 'callback', 'work-orders', 'knowledge', 'supervision', 'reminders', 'wallboard',
      'notices', 'proposals', 'difficult-issues', 'corrections', 'escalation', 'special-reports',
      'dashboards', 'assessment', 'assessment-appeals', 'assessment-rules', 'rankings', 'analysis-reports', 'sampling', 'hot-spots', 'early-warnings', 'routing-acceptance',
      'merged-hotlines',
    ])
    expect(menu('leader')).toEqual([
      'home', 'work-orders', 'knowledge', 'supervision', 'reminders', 'wallboard',
      'notices', 'corrections', 'escalated-to-me', 'special-reports',
      'dashboards', 'assessment', 'assessment-appeals', 'assessment-rules', 'rankings', 'analysis-reports', 'sampling', 'hot-spots', 'early-warnings', 'routing-acceptance',
      'merged-hotlines',
    ])
    // issue 16: the organisation office and the discipline commission see the notices escalated to them
    expect(menu('disciplineCommission')).toEqual(['home', 'work-orders', 'knowledge', 'escalated-to-me'])
    expect(menu('teamLeader')).toContain('knowledge-manage')
    // issue 18: the mailbox's publishers (Policies.PublishLetters)
    for (const role of ['teamLeader', 'siteManager', 'centreManager'] as const) expect(menu(role)).toContain('mailbox-letters')
  })

  it('gives the smart-dispatch screens to those the server lets use them', () => {
    // Hot spots and the acceptance report: policy oversee; early warnings: oversee and the unit roles; models: manage-smart-dispatch.
    expect(menu('centreManager')).toEqual(expect.arrayContaining(['hot-spots', 'early-warnings', 'routing-acceptance', 'routing-models']))
    expect(menu('unitLeader')).not.toContain('hot-spots')
    expect(menu('intakeAgent')).not.toContain('early-warnings')
    expect(menu('callbackAgent')).not.toContain('routing-acceptance')
    expect(menu('supervisor')).not.toContain('routing-models')
  })

  it('gives the duty roster to its keeper and its readers, the emergency plans to those who manage them (issue 15)', () => {
    // The roster: EditDutyRoster (centre manager) edits; every staff member may read it, the menu shows it to those on it
    // and to the dispatchers who phone them. The plans: ManageEmergencyPlans (administrator, centre manager).
    expect(menu('centreManager')).toEqual(expect.arrayContaining(['duty-roster', 'emergency-plans']))
    for (const role of ['teamLeader', 'siteManager', 'dispatcher'] as const) {
      expect(menu(role)).toContain('duty-roster')
      expect(menu(role)).not.toContain('emergency-plans')
    }
    expect(menu('administrator')).not.toContain('duty-roster')
    expect(menu('intakeAgent')).not.toContain('duty-roster')
    expect(menu('intakeAgent')).not.toContain('emergency-plans')
  })

  it('gives the supervision notices to those the server lets use them (issue 16)', () => {
    // The ledger: ReadNotices (supervisors, the centre manager, leaders); opening: SuperviseNotices; the unit's own: AnswerNotices.
    expect(menu('centreManager')).toContain('notices')
    expect(menu('unitLeader')).toContain('my-notices')
    expect(menu('unitLeader')).not.toContain('notices')
    expect(menu('dispatcher')).not.toContain('notices')
  })

  it('gives the proposals and the difficult issues to supervisors and the centre manager (issue 16)', () => {
    for (const role of ['supervisor', 'centreManager'] as const) expect(menu(role)).toEqual(expect.arrayContaining(['proposals', 'difficult-issues']))
    for (const role of ['leader', 'dispatcher', 'administrator', 'unitHandler'] as const) expect(menu(role)).not.toContain('proposals')
  })

  it('names a main screen for every role', () => {
    for (const role of ALL_ROLES) expect(mainScreenFor(new Set([role]))).not.toBeNull()
    expect(mainScreenFor(new Set<Role>(['unitHandler']))).toBe('inbox')
  })

  it('lists the sixteen roles (SPEC S1, the site manager of S4, the organisation office of S5, the discipline commission of S8) once each', () => {
    expect(new Set(ALL_ROLES).size).toBe(16)
  })
})
