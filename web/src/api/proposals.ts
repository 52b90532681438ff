import { call, http, type Schemas } from './client'

// Supervision proposals (issue 16): raised by the server's job from the S8 triggers, opened in one click or dismissed;
// the triggers as data; the key difficult issues store (重点疑难事项库) notices are drawn from.
export type Proposal = Schemas['ProposalDto']
export type ProposalPage = Schemas['PagedOfProposalDto']
export type ProposalState = Schemas['ProposalState']
export type SupervisionMethod = Schemas['SupervisionMethod']
export type Trigger = Schemas['TriggerDto']
export type DifficultIssue = Schemas['DifficultIssueDto']
export type DifficultIssuePage = Schemas['PagedOfDifficultIssueDto']
export type OpenedNotice = Schemas['OpenedNotice']

export const SUPERVISION_METHODS: readonly SupervisionMethod[] = ['document', 'meeting', 'onSite', 'unannouncedVisit', 'coordinationMeeting', 'interviewReminder']

/** The terms a notice is opened with (from a proposal: the trigger's defaults, each editable). */
export interface NoticeTermsDraft {
  reason: string
  demand: string
  deadlineWorkingDays: number
  method: SupervisionMethod
}

/** The trigger editor's form: enabled, the source's parameters by name, the default terms. */
export interface TriggerDraft {
  enabled: boolean
  parameters: Array<{ name: string; value: string }>
  defaultMethod: SupervisionMethod
  defaultDeadlineWorkingDays: number
  defaultDemand: string
}

/** The difficult issue editor's form. */
export interface DifficultIssueDraft {
  title: string
  description: string
  regionCode: string
  unitId: number | null
  workOrderIds: string
}

const orderIds = (text: string) =>
  text
    .split(/[\s,\uFF0C\u3001]+/)
    .filter((s) => s.length > 0)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0)

const issueBody = (d: DifficultIssueDraft) => ({
  title: d.title.trim(),
  description: d.description.trim(),
  regionCode: d.regionCode.trim() || null,
  categoryCode: null,
  unitId: d.unitId,
  workOrderIds: orderIds(d.workOrderIds),
})

export const proposalsApi = {
  list: (page: number, pageSize: number, trigger?: string, state?: ProposalState) =>
    call<ProposalPage>(http.GET('/api/supervision/proposals', { params: { query: { page, pageSize, trigger: trigger || undefined, state } } })),
  open: (p: Proposal, terms: NoticeTermsDraft) =>
    call<Schemas['OpenedProposal']>(http.POST('/api/supervision/proposals/{id}/open', { params: { path: { id: p.id } }, body: { version: p.version, ...terms } })),
  dismiss: (p: Proposal, reason: string) =>
    call<Proposal>(http.POST('/api/supervision/proposals/{id}/dismiss', { params: { path: { id: p.id } }, body: { version: p.version, reason } })),
  triggers: () => call<Trigger[]>(http.GET('/api/supervision/triggers')),
  updateTrigger: (tr: Trigger, d: TriggerDraft) =>
    call<Trigger>(
      http.PUT('/api/supervision/triggers/{code}', {
        params: { path: { code: tr.code } },
        body: {
          enabled: d.enabled,
          parameters: d.parameters.map((p) => ({ name: p.name, value: p.value.trim() })),
          defaultMethod: d.defaultMethod,
          defaultDeadlineWorkingDays: d.defaultDeadlineWorkingDays,
          defaultDemand: d.defaultDemand.trim(),
          version: tr.version,
        },
      }),
    ),
}

export const difficultIssuesApi = {
  list: (page: number, pageSize: number, state?: 'open' | 'resolved', q?: string) =>
    call<DifficultIssuePage>(http.GET('/api/supervision/difficult-issues', { params: { query: { page, pageSize, state, q: q || undefined } } })),
  create: (d: DifficultIssueDraft) => call<DifficultIssue>(http.POST('/api/supervision/difficult-issues', { body: { ...issueBody(d), version: null } })),
  update: (id: number, d: DifficultIssueDraft, version: number) =>
    call<DifficultIssue>(http.PUT('/api/supervision/difficult-issues/{id}', { params: { path: { id } }, body: { ...issueBody(d), version } })),
  resolve: (i: DifficultIssue, resolution: string) =>
    call<DifficultIssue>(http.POST('/api/supervision/difficult-issues/{id}/resolve', { params: { path: { id: i.id } }, body: { version: i.version, resolution } })),
  openNotice: (i: DifficultIssue, terms: NoticeTermsDraft) =>
    call<OpenedNotice[]>(http.POST('/api/supervision/difficult-issues/{id}/open-notice', { params: { path: { id: i.id } }, body: terms })),
}
