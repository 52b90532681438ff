import { call, http, type Schemas } from './client'

// Issue 16: the escalation chain of supervision notices, joint handling, special reports to leaders and their instructions.
export type EscalatedNotice = Schemas['EscalatedNotice']
export type EscalatedPage = Schemas['PagedOfEscalatedNotice']
export type NoticeEscalation = Schemas['NoticeEscalation']
export type EscalationLevel = Schemas['EscalationLevel']
export type JointPartner = Schemas['JointPartner']
export type SpecialReport = Schemas['SpecialReportDto']
export type SpecialReportRow = Schemas['SpecialReportRow']
export type SpecialReportPage = Schemas['PagedOfSpecialReportRow']
export type LeaderChoice = Schemas['LeaderChoice']

export const escalationApi = {
  escalated: (page: number, pageSize: number) => call<EscalatedPage>(http.GET('/api/supervision/escalated', { params: { query: { page, pageSize } } })),
  get: (id: number) => call<NoticeEscalation>(http.GET('/api/supervision/notices/{id}/escalation', { params: { path: { id } } })),
  escalate: (id: number, body: { to: EscalationLevel | null; reason: string; handOver: string; version: number }) =>
    call<NoticeEscalation>(http.POST('/api/supervision/notices/{id}/escalate', { params: { path: { id } }, body })),
  jointHandling: (id: number, body: { partners: JointPartner[]; agreed: string; agreedOn: string | null; version: number }) =>
    call<NoticeEscalation>(http.POST('/api/supervision/notices/{id}/joint-handling', { params: { path: { id } }, body })),
  draftReport: (noticeId: number) => call<SpecialReport>(http.POST('/api/supervision/notices/{id}/special-reports', { params: { path: { id: noticeId } } })),
  reports: (page: number, pageSize: number) => call<SpecialReportPage>(http.GET('/api/supervision/special-reports', { params: { query: { page, pageSize } } })),
  leaders: () => call<LeaderChoice[]>(http.GET('/api/supervision/special-reports/leaders')),
  report: (id: number) => call<SpecialReport>(http.GET('/api/supervision/special-reports/{id}', { params: { path: { id } } })),
  editReport: (id: number, body: { title: string; body: string; version: number }) =>
    call<SpecialReport>(http.PUT('/api/supervision/special-reports/{id}', { params: { path: { id } }, body })),
  sendReport: (id: number, body: { leaderUserId: number | null; version: number }) =>
    call<SpecialReport>(http.POST('/api/supervision/special-reports/{id}/send', { params: { path: { id } }, body })),
  instruct: (id: number, body: { text: string; unitId: number | null; deadlineWorkingDays: number | null; version: number }) =>
    call<SpecialReport>(http.POST('/api/supervision/special-reports/{id}/instruction', { params: { path: { id } }, body })),
  docxUrl: (id: number) => `/api/supervision/special-reports/${id}/docx`,
  printUrl: (id: number) => `/api/supervision/special-reports/${id}/print`,
}
