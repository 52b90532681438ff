import { call, http, type Schemas } from './client'

// Smart dispatch (issue 6, docs/api.md "Smart dispatch"): routing suggestions, repeat candidates, hot spots and early
// warnings, the routing acceptance report and the model versions.
export type RoutingSuggestionSet = Schemas['RoutingSuggestionSet']
export type UnitSuggestion = Schemas['UnitSuggestion']
export type CategorySuggestion = Schemas['CategorySuggestion']
export type RouterWarning = Schemas['RouterWarning']
export type RepeatCandidates = Schemas['RepeatCandidatesView']
export type RepeatCandidate = Schemas['RepeatCandidateView']
export type HotSpotList = Schemas['HotSpotList']
export type HotSpot = Schemas['HotSpotView']
export type HotSpotDetail = Schemas['HotSpotDetail']
export type HotSpotRun = Schemas['HotSpotRunView']
export type HotSpotJobResult = Schemas['HotSpotJobResult']
export type HotSpotPeriod = Schemas['HotSpotPeriod']
export type HotSpotListKind = Schemas['HotSpotListKind']
export type MemberOrder = Schemas['MemberOrder']
export type EarlyWarning = Schemas['EarlyWarningView']
export type EarlyWarningDetail = Schemas['EarlyWarningDetail']
export type EarlyWarningKind = Schemas['EarlyWarningKind']
export type EarlyWarningStatus = Schemas['EarlyWarningStatus']
export type AcceptanceReport = Schemas['AcceptanceReport']
export type AcceptanceFigures = Schemas['AcceptanceFigures']
export type RouterModels = Schemas['RouterModelsView']
export type RouterModel = Schemas['RouterModelView']
export type TrainingResult = Schemas['TrainingResultView']

/** What the agent has typed so far: the text the suggestions and repeat candidates are computed from. */
export interface TypedContent {
  subject: string
  events: string
  demand: string
  categoryCode: string | null
  regionCode: string | null
}

const orNull = (s: string | null | undefined) => (s && s.trim() ? s.trim() : null)

export const smartApi = {
  suggest: (c: TypedContent) =>
    call<RoutingSuggestionSet>(
      http.POST('/api/routing/suggestions', {
        body: { subject: orNull(c.subject), events: orNull(c.events), demand: orNull(c.demand), categoryCode: orNull(c.categoryCode), regionCode: orNull(c.regionCode) },
      }),
    ),
  suggestFor: (id: number) => call<RoutingSuggestionSet>(http.GET('/api/work-orders/{id}/routing-suggestions', { params: { path: { id } } })),
  /** POST so that the caller's number and the text stay out of URLs and logs. */
  repeats: (c: TypedContent & { phone: string | null; excludeId?: number | null }) =>
    call<RepeatCandidates>(
      http.POST('/api/repeat-candidates', {
        body: {
          phone: orNull(c.phone),
          subject: orNull(c.subject),
          events: orNull(c.events),
          demand: orNull(c.demand),
          regionCode: orNull(c.regionCode),
          excludeId: c.excludeId ?? null,
        },
      }),
    ),
  repeatsFor: (id: number) => call<RepeatCandidates>(http.GET('/api/work-orders/{id}/repeat-candidates', { params: { path: { id } } })),

  hotSpots: (query: { runId?: number; period?: HotSpotPeriod; list?: HotSpotListKind } = {}) =>
    call<HotSpotList>(http.GET('/api/hot-spots', { params: { query: { runId: query.runId, period: query.period, list: query.list } } })),
  hotSpot: (id: number) => call<HotSpotDetail>(http.GET('/api/hot-spots/{id}', { params: { path: { id } } })),
  runHotSpots: (period?: HotSpotPeriod) => call<HotSpotJobResult>(http.POST('/api/hot-spots/run', { params: { query: { period } } })),
  warnings: (query: { kind?: EarlyWarningKind; status?: EarlyWarningStatus; limit?: number }) =>
    call<EarlyWarning[]>(
      http.GET('/api/early-warnings', {
        params: { query: { kind: query.kind, status: query.status, limit: query.limit } },
      }),
    ),
  warning: (id: number) => call<EarlyWarningDetail>(http.GET('/api/early-warnings/{id}', { params: { path: { id } } })),
  acknowledge: (id: number, version: number) =>
    call<EarlyWarning>(http.POST('/api/early-warnings/{id}/acknowledge', { params: { path: { id } }, body: { version } })),

  acceptance: (from?: string, to?: string) =>
    call<AcceptanceReport>(http.GET('/api/routing/acceptance', { params: { query: { ...(from ? { from } : {}), ...(to ? { to } : {}) } } })),
  models: () => call<RouterModels>(http.GET('/api/routing/models')),
  train: (activate: boolean | null) => call<TrainingResult[]>(http.POST('/api/routing/models/train', { body: { activate } })),
  activate: (id: number) => call<RouterModels>(http.POST('/api/routing/models/{id}/activate', { params: { path: { id } } })),
}
