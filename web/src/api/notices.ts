import { call, http, type Schemas } from './client'
import { download } from './download'

// Supervision notices (督办单, issue 16): opening, the ledger (督办台账) and its export, one notice and its steps, the
// public listing (挂牌督办).
export type NoticeSummary = Schemas['NoticeSummary']
export type NoticeDetail = Schemas['NoticeDetail']
export type NoticePage = Schemas['PagedOfNoticeSummary']
export type NoticeState = Schemas['NoticeState']
export type NoticeAction = Schemas['NoticeAction']
export type SupervisionMethod = Schemas['SupervisionMethod']
export type NoticeEvent = Schemas['NoticeEventDto']
export type PublicListing = Schemas['PublicListing']

export const NOTICE_STATES: readonly NoticeState[] = ['issued', 'inHand', 'answered', 'closed']
export const SUPERVISION_METHODS: readonly SupervisionMethod[] = ['document', 'meeting', 'onSite', 'unannouncedVisit', 'coordinationMeeting', 'interviewReminder']

/** The ledger's filters; empty values are left out. */
export interface NoticeQuery {
  state?: string
  light?: string
  listed?: string
  late?: string
  number?: string
  unitId?: number | null
  from?: string
  to?: string
}

export interface OpenNoticeDraft {
  workOrderIds: number[] | null
  unitIds: number[] | null
  reason: string
  demand: string
  deadlineWorkingDays: number | null
  method: SupervisionMethod | null
}

const clean = (q: NoticeQuery) =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '')) as Record<string, string | number>

const step = <B extends object>(path: string, id: number, body: B) =>
  // The steps share one shape: POST /api/supervision/notices/{id}/{step} with the version seen.
  call<NoticeDetail>(http.POST(path as '/api/supervision/notices/{id}/sign', { params: { path: { id } }, body: body as never }))

export const noticesApi = {
  open: (d: OpenNoticeDraft) => call<Schemas['OpenedNotices']>(http.POST('/api/supervision/notices', { body: { ...d, trigger: null, difficultIssueId: null } })),
  ledger: (query: NoticeQuery, page: number, pageSize: number) =>
    call<NoticePage>(http.GET('/api/supervision/notices', { params: { query: { ...clean(query), page, pageSize } } })),
  get: (id: number) => call<NoticeDetail>(http.GET('/api/supervision/notices/{id}', { params: { path: { id } } })),
  sign: (id: number, version: number) => step('/api/supervision/notices/{id}/sign', id, { version }),
  answer: (id: number, measures: string, evidence: string, version: number) =>
    step('/api/supervision/notices/{id}/answer', id, { measures, evidence: evidence || null, version }),
  accept: (id: number, outcome: string, version: number, publicResult = '') =>
    step('/api/supervision/notices/{id}/accept', id, { outcome: outcome || null, version, publicResult: publicResult || null }),
  reject: (id: number, reason: string, version: number) => step('/api/supervision/notices/{id}/reject', id, { reason, version }),
  remind: (id: number, text: string, version: number) => step('/api/supervision/notices/{id}/remind', id, { text, version }),
  list: (id: number, publicMatter: string, listingDeadline: string | null, inMedia: boolean, version: number) =>
    step('/api/supervision/notices/{id}/list', id, { publicMatter, listingDeadline, inMedia, version }),
  delist: (id: number, reason: string, version: number) => step('/api/supervision/notices/{id}/delist', id, { reason, version }),

  /** The filtered ledger as an .xlsx file, saved by the browser. */
  async export(query: NoticeQuery): Promise<void> {
    await download('/api/supervision/notices/export', clean(query), 'supervision-ledger.xlsx')
  },
}

/** Anonymous: the notices listed publicly now. */
export const publicListingsApi = {
  list: () => call<PublicListing[]>(http.GET('/api/public/supervision-listings')),
}
