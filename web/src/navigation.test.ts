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
      'admin-units',
      'admin-users',
      'admin-calendar',
      'admin-categories',
      'admin-catalogue',
      'admin-deadline-rules',
    ])
  })

  it('gives each role the work screens of its part in the lifecycle', () => {
    expect(menu('intakeAgent')).toEqual(['home', 'intake', 'sent-back', 'work-orders', 'knowledge'])
    expect(menu('dispatcher')).toEqual(['home', 'intake', 'sent-back', 'dispatch', 'work-orders', 'knowledge', 'supervision', 'reminders', 'wallboard'])
    expect(menu('unitHandler', 'unitLiaison')).toEqual(['home', 'inbox', 'work-orders', 'knowledge', 'knowledge-manage'])
    expect(menu('callbackAgent')).toEqual(['home', 'callback', 'work-orders', 'knowledge'])
    expect(menu('supervisor')).toEqual(['home', 'dispatch', 'callback', 'work-orders', 'knowledge', 'supervision', 'reminders', 'wallboard'])
    expect(menu('leader')).toEqual(['home', 'work-orders', 'knowledge', 'supervision', 'reminders', 'wallboard'])
    expect(menu('teamLeader')).toContain('knowledge-manage')
  })

  it('names a main screen for every role', () => {
    for (const role of ALL_ROLES) expect(mainScreenFor(new Set([role]))).not.toBeNull()
    expect(mainScreenFor(new Set<Role>(['unitHandler']))).toBe('inbox')
  })

  it('lists the thirteen roles of SPEC S1 once each', () => {
    expect(new Set(ALL_ROLES).size).toBe(13)
  })
})
