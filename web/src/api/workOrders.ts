import { call, http, type CallerHistory, type CallerView, type RegisterRequest, type TimelineEntry, type WorkOrder, type WorkOrderPage, type WorkOrderSearchResults } from './client'
import { download, type DownloadProgress } from './download'

/** The list's filters as the queues use them (GET /api/work-orders); empty values are left out. */
export interface WorkOrderQuery {
  status?: string
  unitId?: number
  light?: string
  requestType?: string
  categoryCode?: string
  regionCode?: string
  channel?: string
  urgency?: string
  from?: string
  to?: string
  q?: string
  number?: string
  pendingExtension?: boolean
  overdue?: boolean
  dueToday?: boolean
  /** issue 15: the role deciding a hard case; orders judged late without good reason */
  hardCaseLevel?: 'teamLeader' | 'siteManager'
  lateWithoutGoodReason?: boolean
  /** issue 17: the lead unit is this unit or below it (a dashboard's drill-down) */
  unitSubtree?: number
  /** issue 19: the order names this thing (a compound, company, school, road …) */
  entity?: string
  sort?: 'dispatchQueue' | 'handlingDue' | 'callbackDue' | 'registeredAt' | '-registeredAt'
  page?: number
  pageSize?: number
}

function clean(query: WorkOrderQuery): WorkOrderQuery {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')) as WorkOrderQuery
}

/** Every action is POST /api/work-orders/{id}/<action> with its body (docs/api.md); the answer is the order as it now is. */
export type WorkOrderAction =
  | 'correct'
  | 'attachments'
  | 'answer-directly'
  | 'handle-directly'
  | 'one-go-notice'
  | 'reject-at-intake'
  | 'dispatch'
  | 'send-back'
  | 'redispatch'
  | 'sign'
  | 'return'
  | 'approve-return'
  | 'reject-return'
  | 'request-extension'
  | 'approve-extension'
  | 'reject-extension'
  | 'progress-report'
  | 'co-reply'
  | 'reply'
  | 'accept-reply'
  | 'reject-reply'
  | 'callback'
  | 'redo'
  | 'close'
  | 'archive'
  | 'remind'
  | 'link-repeat'
  | 'merge'
  | 'convene-lead'
  // emergency work orders (issue 15)
  | 'raise-emergency'
  | 'confirm-emergency'
  | 'dismiss-emergency'
  | 'record-emergency-call'
  | 'report-emergency'
  // issue 15: hard cases, disputes, coordination, lateness
  | 'escalate-hard-case'
  | 'dispatch-hard-case'
  | 'send-back-hard-case'
  | 'convene-units'
  | 'request-arbitration'
  | 'decide-arbitration'
  | 'report-to-government'
  | 'record-coordination'
  | 'explain-lateness'
  | 'judge-lateness'

/** The most entries one timeline answer holds (the server's WorkOrderEndpoints.TimelinePageSize). */
export const timelinePageSize = 500

export const workOrdersApi = {
  list: (query: WorkOrderQuery) => call<WorkOrderPage>(http.GET('/api/work-orders', { params: { query: clean(query) } })),
  /** The list with the same filters and sort as an .xlsx workbook (issue 17), the caller masked; progress as bytes arrive. */
  export: ({ page: _page, pageSize: _size, ...query }: WorkOrderQuery, onProgress?: (p: DownloadProgress) => void) =>
    download('/api/work-orders/export', clean(query), 'work-orders.xlsx', onProgress),
  /** Full-text search, ranked, with highlighted snippets; the list's filters apply (not number, sort or the queue flags). */
  search: ({ q, status, unitId, light, requestType, categoryCode, channel, urgency, regionCode, from, to, page, pageSize }: WorkOrderQuery) =>
    call<WorkOrderSearchResults>(
      http.GET('/api/work-orders/search', {
        params: {
          query: {
            ...clean({ q, status, unitId, light, requestType, categoryCode, channel, urgency, regionCode, from, to }),
            // The search endpoint takes its paging as text (and answers 400 naming the field for a bad one).
            page: page === undefined ? undefined : String(page),
            pageSize: pageSize === undefined ? undefined : String(pageSize),
          },
        },
      }),
    ),
  get: (id: number) => call<WorkOrder>(http.GET('/api/work-orders/{id}', { params: { path: { id } } })),
  /** The whole timeline: the server answers at most `timelinePageSize` entries at a time, so a full page asks for the next. */
  timeline: async (id: number) => {
    const entries: TimelineEntry[] = []
    let after: TimelineEntry['id'] | undefined
    for (;;) {
      const page = await call<TimelineEntry[]>(http.GET('/api/work-orders/{id}/timeline', { params: { path: { id }, query: { after } } }))
      entries.push(...page)
      const last = page[page.length - 1]
      if (page.length < timelinePageSize || last === undefined) return entries
      after = last.id
    }
  },
  register: (body: RegisterRequest) => call<WorkOrder>(http.POST('/api/work-orders', { body })),
  revealCaller: (id: number, reason: string) => call<CallerView>(http.POST('/api/work-orders/{id}/reveal-caller', { params: { path: { id } }, body: { reason } })),
  /** The screen pop: POST, so that the caller's number stays out of URLs and logs. */
  callerHistory: (phone: string) => call<CallerHistory>(http.POST('/api/callers/history', { body: { phone } })),
  /**
   * Sends one action. The body's shape is the action's (docs/api.md); `version` is the one the person saw, so that an
   * order someone else changed meanwhile is refused as a conflict rather than changed blindly.
   */
  act: (id: number, action: WorkOrderAction, body: Record<string, unknown>) =>
    // The path is built from a checked union of the action names; openapi-fetch types each path separately.
    call<WorkOrder>(http.POST(`/api/work-orders/{id}/${action}` as '/api/work-orders/{id}/sign', { params: { path: { id } }, body: body as never })),
}
