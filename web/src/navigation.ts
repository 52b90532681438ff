import type { Role } from '@/api/client'
import { ROLES, union } from '@/roles'
import { KNOWLEDGE_ROLES } from '@/features/knowledge/roles'

export type NavIcon =
  | 'House'
  | 'OfficeBuilding'
  | 'User'
  | 'Calendar'
  | 'Phone'
  | 'RefreshLeft'
  | 'Position'
  | 'Message'
  | 'ChatDotRound'
  | 'Warning'
  | 'Bell'
  | 'DataBoard'
  | 'Search'
  | 'Share'
  | 'Collection'
  | 'Timer'
  | 'Reading'
  | 'EditPen'
  | 'TrendCharts'
  | 'AlarmClock'
  | 'PieChart'
  | 'Cpu'
  | 'Lock'
  | 'Avatar'
  | 'Memo'

/** A menu entry: a screen that exists, and the roles that may open it (none listed = every signed-in person). */
export interface NavEntry {
  route: string
  titleKey: string
  icon: NavIcon
  roles?: readonly Role[]
  group?: 'work' | 'supervision' | 'accountability' | 'assessment' | 'administration'
}

/** The role-aware menu (SPEC S1): each person sees the screens of their roles, their main screen first. */
export const NAVIGATION: readonly NavEntry[] = [
  { route: 'home', titleKey: 'nav.home', icon: 'House' },
  { route: 'intake', titleKey: 'nav.intake', icon: 'Phone', roles: ROLES.intake, group: 'work' },
  { route: 'sent-back', titleKey: 'nav.sentBack', icon: 'RefreshLeft', roles: ROLES.intake, group: 'work' },
  { route: 'online-intake', titleKey: 'nav.onlineIntake', icon: 'Message', roles: ROLES.intake, group: 'work' }, // issue 18
  { route: 'chat-desk', titleKey: 'nav.chatDesk', icon: 'ChatDotRound', roles: ROLES.intake, group: 'work' }, // issue 18, 在线客服
  { route: 'interceptions', titleKey: 'nav.interceptions', icon: 'Warning', roles: ROLES.intake, group: 'work' }, // issue 18, interception
  { route: 'mailbox-letters', titleKey: 'nav.mailboxLetters', icon: 'Reading', roles: ROLES.publishLetters, group: 'work' }, // issue 18, 市长信箱公开
  { route: 'dispatch', titleKey: 'nav.dispatch', icon: 'Position', roles: union(ROLES.dispatch, ROLES.reviewExtension, ROLES.reviewReply), group: 'work' },
  { route: 'inbox', titleKey: 'nav.inbox', icon: 'Message', roles: ROLES.handle, group: 'work' },
  { route: 'hard-cases', titleKey: 'nav.hardCases', icon: 'Warning', roles: ROLES.hardCases, group: 'work' }, // issue 15
  { route: 'arbitration', titleKey: 'nav.arbitration', icon: 'Share', roles: ROLES.arbitrate, group: 'work' }, // issue 15
  { route: 'callback', titleKey: 'nav.callback', icon: 'ChatDotRound', roles: union(ROLES.callback, ROLES.conclude), group: 'work' },
  { route: 'work-orders', titleKey: 'nav.workOrders', icon: 'Search', group: 'work' },
  { route: 'knowledge', titleKey: 'nav.knowledge', icon: 'Reading', group: 'work' },
  { route: 'knowledge-manage', titleKey: 'nav.knowledgeManage', icon: 'EditPen', roles: KNOWLEDGE_ROLES.maintain, group: 'work' },
  { route: 'my-notices', titleKey: 'notices.nav.mine', icon: 'Memo', roles: ROLES.answerNotices, group: 'work' }, // issue 16
  { route: 'supervision', titleKey: 'nav.supervision', icon: 'Warning', roles: ROLES.oversee, group: 'supervision' },
  { route: 'reminders', titleKey: 'nav.reminders', icon: 'Bell', roles: ROLES.oversee, group: 'supervision' },
  { route: 'wallboard', titleKey: 'nav.wallboard', icon: 'DataBoard', roles: ROLES.oversee, group: 'supervision' },
  // issue 16: supervision cases (督办问责) fold into one sub-menu, opened when one of its screens is shown
  { route: 'notices', titleKey: 'notices.nav.ledger', icon: 'Memo', roles: ROLES.readNoticeLedger, group: 'accountability' }, // issue 16
  { route: 'proposals', titleKey: 'nav.proposals', icon: 'Bell', roles: ROLES.supervisionProposals, group: 'accountability' }, // issue 16
  { route: 'difficult-issues', titleKey: 'nav.difficultIssues', icon: 'Memo', roles: ROLES.supervisionProposals, group: 'accountability' }, // issue 16
  { route: 'corrections', titleKey: 'correction.nav.accountability', icon: 'EditPen', roles: ROLES.readCorrections, group: 'accountability' }, // issue 16: corrections, misconduct records and circulars, a tab bar inside
  { route: 'service-ratings', titleKey: 'nav.serviceRatings', icon: 'ChatDotRound', roles: ROLES.followUpRatings, group: 'accountability' }, // issue 18, 好差评
  { route: 'escalation', titleKey: 'nav.escalation', icon: 'Share', roles: ROLES.escalationDesk, group: 'accountability' }, // issue 16
  { route: 'escalated-to-me', titleKey: 'nav.escalatedToMe', icon: 'Bell', roles: ROLES.escalatedToMe, group: 'accountability' }, // issue 16
  { route: 'special-reports', titleKey: 'nav.specialReports', icon: 'Memo', roles: ROLES.specialReports, group: 'accountability' }, // issue 16
  { route: 'supervision-triggers', titleKey: 'nav.triggers', icon: 'Timer', roles: ROLES.manageSupervisionTriggers, group: 'accountability' }, // issue 16
  // issue 17: assessment and analysis (考核分析) fold into one sub-menu like the supervision cases
  { route: 'dashboards', titleKey: 'nav.dashboards', icon: 'TrendCharts', roles: ROLES.dashboards, group: 'assessment' }, // issue 17
  { route: 'assessment', titleKey: 'assessment.nav', icon: 'TrendCharts', roles: ROLES.readAssessment, group: 'assessment' }, // issue 17
  { route: 'assessment-appeals', titleKey: 'appeals.title', icon: 'Memo', roles: ROLES.readAssessment, group: 'assessment' }, // issue 17
  { route: 'assessment-rules', titleKey: 'assessmentRules.title', icon: 'EditPen', roles: ROLES.readAssessmentRules, group: 'assessment' }, // issue 17
  { route: 'rankings', titleKey: 'nav.rankings', icon: 'TrendCharts', roles: ROLES.readRankings, group: 'assessment' }, // issue 17
  { route: 'analysis-reports', titleKey: 'reports.nav', icon: 'Reading', roles: ROLES.dashboards, group: 'assessment' }, // issue 17, 分析专报
  { route: 'agent-performance', titleKey: 'agents.title', icon: 'Avatar', roles: ROLES.readAgentPerformance, group: 'assessment' },
  { route: 'sampling', titleKey: 'sampling.title', icon: 'PieChart', roles: ROLES.readSampling, group: 'assessment' },
  { route: 'quality-inspection', titleKey: 'quality.title', icon: 'EditPen', roles: ROLES.readQualityInspections, group: 'assessment' }, // S14, 质检
  { route: 'hot-spots', titleKey: 'smart.nav.hotSpots', icon: 'TrendCharts', roles: ROLES.oversee, group: 'assessment' },
  { route: 'early-warnings', titleKey: 'smart.nav.earlyWarnings', icon: 'AlarmClock', roles: ROLES.earlyWarnings, group: 'assessment' },
  { route: 'routing-acceptance', titleKey: 'smart.nav.acceptance', icon: 'PieChart', roles: ROLES.oversee, group: 'assessment' },
  { route: 'admin-units', titleKey: 'nav.units', icon: 'OfficeBuilding', roles: ['administrator'], group: 'administration' },
  { route: 'admin-users', titleKey: 'nav.users', icon: 'User', roles: ['administrator'], group: 'administration' },
  { route: 'admin-sign-in-events', titleKey: 'nav.signInEvents', icon: 'Lock', roles: ['administrator'], group: 'administration' },
  { route: 'admin-calendar', titleKey: 'nav.calendar', icon: 'Calendar', roles: ['administrator'], group: 'administration' },
  { route: 'admin-categories', titleKey: 'nav.categories', icon: 'Collection', roles: ['administrator'], group: 'administration' },
  { route: 'admin-catalogue', titleKey: 'nav.catalogue', icon: 'Share', roles: ['administrator'], group: 'administration' },
  { route: 'admin-deadline-rules', titleKey: 'nav.deadlineRules', icon: 'Timer', roles: ['administrator'], group: 'administration' },
  { route: 'merged-hotlines', titleKey: 'mergedHotlines.title', icon: 'Phone', roles: ROLES.readMergedHotlines, group: 'administration' }, // S1, 热线归并
  { route: 'admin-channel-keys', titleKey: 'nav.channelKeys', icon: 'Lock', roles: ['administrator'], group: 'administration' }, // issue 18
  { route: 'duty-roster', titleKey: 'nav.dutyRoster', icon: 'Avatar', roles: ROLES.readDutyRoster, group: 'administration' }, // issue 15
  { route: 'emergency-plans', titleKey: 'nav.emergencyPlans', icon: 'Memo', roles: ROLES.manageEmergencyPlans, group: 'administration' }, // issue 15
  { route: 'routing-models', titleKey: 'smart.nav.models', icon: 'Cpu', roles: ROLES.manageSmartDispatch, group: 'administration' },
]

/** The screen a role works in all day; the home page links to it first. */
export function mainScreenFor(roles: ReadonlySet<Role>): string | null {
  const order: ReadonlyArray<[Role, string]> = [
    ['intakeAgent', 'intake'],
    ['dispatcher', 'dispatch'],
    ['unitHandler', 'inbox'],
    ['unitLiaison', 'inbox'],
    ['unitLeader', 'inbox'],
    ['callbackAgent', 'callback'],
    ['supervisor', 'supervision'],
    ['centreManager', 'wallboard'],
    ['teamLeader', 'dispatch'],
    ['siteManager', 'wallboard'],
    ['qualityInspector', 'dispatch'],
    ['expertSeat', 'intake'],
    ['leader', 'wallboard'],
    ['administrator', 'admin-units'],
    ['organisationOffice', 'arbitration'], // issue 15
    ['disciplineCommission', 'escalated-to-me'], // issue 16
  ]
  return order.find(([role]) => roles.has(role))?.[1] ?? null
}

export function menuFor(roles: ReadonlySet<Role>, entries: readonly NavEntry[] = NAVIGATION): NavEntry[] {
  return entries.filter((e) => !e.roles || e.roles.some((r) => roles.has(r)))
}

/** Role ids in the order of SPEC S1, grouped as the administrator assigns them. */
export const ROLE_GROUPS: ReadonlyArray<{ key: 'centre' | 'unit' | 'leader' | 'office' | 'discipline'; roles: readonly Role[] }> = [
  {
    key: 'centre',
    roles: ['intakeAgent', 'teamLeader', 'siteManager', 'dispatcher', 'callbackAgent', 'qualityInspector', 'supervisor', 'expertSeat', 'centreManager', 'administrator'],
  },
  { key: 'unit', roles: ['unitHandler', 'unitLiaison', 'unitLeader'] },
  { key: 'leader', roles: ['leader'] },
  { key: 'office', roles: ['organisationOffice'] }, // issue 15: the organisation office (编办)
  { key: 'discipline', roles: ['disciplineCommission'] }, // issue 16: the discipline commission (纪委监委)
]

export const ALL_ROLES: readonly Role[] = ROLE_GROUPS.flatMap((g) => g.roles)
