import type { Role } from '@/api/client'

/**
 * Who may do what with work orders: the same sets as the server's WorkOrderRoles (src/Hotline/Domain/WorkOrders), which
 * builds the HTTP policies and each order's availableActions from them. The workbench uses them only to choose which
 * screens a person sees; what a person may do to an order always comes from the server.
 */
export const ROLES = {
  intake: ['intakeAgent', 'teamLeader', 'expertSeat', 'dispatcher'],
  dispatch: ['dispatcher', 'teamLeader', 'centreManager'],
  handle: ['unitHandler', 'unitLiaison', 'unitLeader'],
  reviewExtension: ['dispatcher', 'teamLeader', 'centreManager', 'supervisor'],
  reviewReply: ['dispatcher', 'teamLeader', 'centreManager', 'qualityInspector'],
  callback: ['callbackAgent', 'teamLeader', 'centreManager'],
  conclude: ['callbackAgent', 'teamLeader', 'centreManager', 'supervisor'],
  oversee: ['supervisor', 'centreManager', 'teamLeader', 'siteManager', 'dispatcher', 'leader', 'qualityInspector'],
  administer: ['administrator'],
  // smart dispatch (Policies.cs): suggestions and repeat candidates; early warnings; models; running the hot-spot job
  intakeAssist: ['intakeAgent', 'teamLeader', 'expertSeat', 'dispatcher', 'centreManager'],
  earlyWarnings: ['supervisor', 'centreManager', 'teamLeader', 'siteManager', 'dispatcher', 'leader', 'qualityInspector', 'unitHandler', 'unitLiaison', 'unitLeader'],
  manageSmartDispatch: ['administrator', 'centreManager'],
  runHotSpots: ['administrator', 'centreManager', 'supervisor', 'leader'],
  // issue 15: the levels that decide hard cases; the organisation office (编办) that decides disputes
  hardCases: ['teamLeader', 'siteManager'],
  arbitrate: ['organisationOffice'],
  // issue 15: the duty roster, kept by the centre manager (EditDutyRoster) and read by those on it and the dispatchers
  // who phone them (the server lets all staff read it); the emergency plans (ManageEmergencyPlans)
  editDutyRoster: ['centreManager'],
  readDutyRoster: ['centreManager', 'teamLeader', 'siteManager', 'dispatcher'],
  manageEmergencyPlans: ['administrator', 'centreManager'],
  // issue 16: supervision notices (Policies.SuperviseNotices, ReadNotices, AnswerNotices)
  superviseNotices: ['supervisor', 'centreManager'],
  readNoticeLedger: ['supervisor', 'centreManager', 'leader'],
  /** issue 17: the S11 dashboards (Domain/Analytics/DashboardRules.ReaderRoles), each on its own scope */
  dashboards: ['leader', 'centreManager', 'supervisor', 'teamLeader', 'siteManager', 'dispatcher', 'qualityInspector', 'unitLeader', 'unitLiaison', 'unitHandler'],
  answerNotices: ['unitHandler', 'unitLiaison', 'unitLeader'],
  // issue 16: supervision proposals and the key difficult issues store (SupervisionProposals)
  supervisionProposals: ['supervisor', 'centreManager'],
  // issue 16: corrections and the parent units' circulars (ReadCorrections); misconduct records (ReadMisconduct)
  readCorrections: ['supervisor', 'centreManager', 'leader', 'unitHandler', 'unitLiaison', 'unitLeader'],
  readAssessment: ['leader', 'centreManager', 'supervisor', 'unitHandler', 'unitLiaison', 'unitLeader'], // issue 17
  // issue 17: rule versions (ManageAssessmentRules; the menu entry for the centre's readers), appeals (FileAssessmentAppeal, DecideAssessmentAppeal)
  readAssessmentRules: ['leader', 'centreManager', 'supervisor'],
  manageAssessmentRules: ['centreManager'],
  fileAppeal: ['unitLeader', 'unitLiaison'],
  decideAppeal: ['supervisor', 'centreManager'],
  readMisconduct: ['supervisor', 'centreManager', 'leader'],
  manageSupervisionTriggers: ['administrator', 'centreManager'],
  /** issue 18: the 差评 follow-up (Policies.FollowUpServiceRatings, Domain/Citizens/ServiceRatingRules.FollowUpRoles) */
  followUpRatings: ['callbackAgent', 'qualityInspector', 'teamLeader', 'siteManager', 'centreManager'],
  // issue 17: agent performance (ReadAgentPerformance: agents read their own row); third-party sampling (ImportSampling, ReadSampling)
  readAgentPerformance: ['teamLeader', 'siteManager', 'centreManager', 'qualityInspector', 'intakeAgent', 'callbackAgent'],
  importSampling: ['centreManager', 'qualityInspector'],
  readSampling: ['leader', 'centreManager', 'supervisor', 'qualityInspector', 'unitHandler', 'unitLiaison', 'unitLeader'],
  // S14: quality inspection (InspectQuality; ReadQualityInspections: the floor's leaders read all in scope, agents their own scored ones)
  inspectQuality: ['qualityInspector', 'centreManager'],
  readAllQualityInspections: ['qualityInspector', 'centreManager', 'teamLeader', 'siteManager'],
  readQualityInspections: ['qualityInspector', 'centreManager', 'teamLeader', 'siteManager', 'intakeAgent', 'callbackAgent'],
  // S1: the register of merged hotline numbers (ManageMergedHotlines, ReadMergedHotlines)
  manageMergedHotlines: ['administrator', 'centreManager'],
  readMergedHotlines: ['administrator', 'centreManager', 'supervisor', 'leader'],
  // issue 16: the escalation desk of the centre; the levels notices are escalated to; special reports; convening units.
  escalationDesk: ['supervisor', 'centreManager'],
  escalatedToMe: ['organisationOffice', 'leader', 'disciplineCommission'],
  specialReports: ['supervisor', 'centreManager', 'leader'],
  conveneLead: ['supervisor', 'centreManager', 'teamLeader', 'dispatcher'],
  // issue 17: rankings, the interview list, targets, qualitative items, circulation (Policies.ReadRankings, ManageRankings)
  readRankings: ['supervisor', 'centreManager', 'leader', 'unitHandler', 'unitLiaison', 'unitLeader'],
  manageRankings: ['centreManager'],
  // issue 17: the analysis report (Policies.ReadAnalysisReports: the dashboards' readers; WriteAnalysisReports)
  writeAnalysisReports: ['leader', 'centreManager'],
  // issue 18: publishing the mayor's mailbox letters (Policies.PublishLetters: InterceptionRoles.LetterPublishers)
  publishLetters: ['teamLeader', 'siteManager', 'centreManager'],
} as const satisfies Record<string, readonly Role[]>

export function union(...sets: ReadonlyArray<readonly Role[]>): Role[] {
  return [...new Set(sets.flat())]
}
