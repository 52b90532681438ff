import { call, http, type Schemas } from './client'
import { ApiError } from './problem'
import { download, type DownloadProgress } from './download'

// Issue 17 (S9): monthly rankings in comparable groups, the interview list (约谈), service targets ("三个100%"),
// qualitative items, the circulated results and the 综合考核 workbook.
export type Rankings = Schemas['RankingsDto']
export type RankingGroup = Schemas['RankingGroupDto']
export type RankingRow = Schemas['RankingRowDto']
export type Interview = Schemas['InterviewDto']
export type InterviewState = Schemas['InterviewState']
export type QualitativeScore = Schemas['QualitativeScoreDto']
export type QualitativeItem = Schemas['QualitativeItem']
export type ServiceTargets = Schemas['ServiceTargetsDto']
export type Circulation = Schemas['CirculationDto']
export type CirculatedRow = Schemas['CirculatedRow']
export type AssessmentSettings = Schemas['AssessmentSettingsDto']
export type AssessmentSettingKey = Schemas['AssessmentSettingKey']

export const INTERVIEW_STATES: readonly InterviewState[] = ['proposed', 'confirmed', 'dismissed', 'interviewed']
export const QUALITATIVE_ITEMS: readonly QualitativeItem[] = ['rulesMade', 'longTermMechanism', 'improvement']
export const SETTING_KEYS: readonly AssessmentSettingKey[] = ['rankingMinimumOrders', 'completionTarget', 'callbackTarget', 'connectionTarget']

/** The month before the current one, "yyyy-MM": the month a ranking is usually read for. */
export function lastMonth(now = new Date()): string {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`
}

export const rankingsApi = {
  get: (month: string) => call<Rankings>(http.GET('/api/assessment/rankings', { params: { query: { month } } })),
  settings: () => call<AssessmentSettings>(http.GET('/api/assessment/ranking-settings')),
  setSetting: (key: AssessmentSettingKey, value: number | null, effectiveFrom: string) =>
    call(http.POST('/api/assessment/ranking-settings', { body: { key, value, effectiveFrom } })),
  interviews: (month: string | undefined, state: string | undefined, page: number, pageSize: number) =>
    call<Schemas['PagedOfInterviewDto']>(http.GET('/api/assessment/interviews', { params: { query: { month: month || undefined, state: state || undefined, page, pageSize } } })),
  propose: (month: string) => call<Interview[]>(http.POST('/api/assessment/interviews/propose', { params: { query: { month } } })),
  confirm: (id: number, version: number) => call<Interview>(http.POST('/api/assessment/interviews/{id}/confirm', { params: { path: { id } }, body: { reason: null, version } })),
  dismiss: (id: number, reason: string, version: number) =>
    call<Interview>(http.POST('/api/assessment/interviews/{id}/dismiss', { params: { path: { id } }, body: { reason, version } })),
  record: (id: number, date: string | null, interviewer: string, unitHead: string, outcome: string, version: number) =>
    call<Interview>(http.POST('/api/assessment/interviews/{id}/record', { params: { path: { id } }, body: { date, interviewer, unitHead, outcome, version } })),
  qualitative: (month: string) => call<QualitativeScore[]>(http.GET('/api/assessment/qualitative', { params: { query: { month } } })),
  score: (unitId: number | null, month: string, item: QualitativeItem | null, points: number | null, reason: string) =>
    call<QualitativeScore>(http.POST('/api/assessment/qualitative', { body: { unitId, month, item, points, reason } })),
  rescore: (id: number, points: number | null, reason: string, version: number) =>
    call<QualitativeScore>(http.PUT('/api/assessment/qualitative/{id}', { params: { path: { id } }, body: { points, reason, version } })),
  targets: (month: string) => call<ServiceTargets>(http.GET('/api/assessment/targets', { params: { query: { month } } })),
  circulate: (month: string) => call<Circulation>(http.POST('/api/assessment/circulations', { body: { month } })),
  /** A table of the rankings screen as .xlsx (the same filters as the table's own request). */
  exportTable: (table: 'targets' | 'interviews' | 'qualitative', query: object, onProgress?: (p: DownloadProgress) => void) =>
    download(`/api/assessment/${table}/export`, query, `${table}.xlsx`, onProgress),
  circulation: (month: string) => call<Circulation>(http.GET('/api/assessment/circulations/{month}', { params: { path: { month } } })),

  /** The month's results as the .xlsx the comprehensive assessment (综合考核) takes, saved by the browser. */
  async export(month: string): Promise<void> {
    const response = await fetch(`/api/assessment/rankings/export?month=${encodeURIComponent(month)}`, { credentials: 'same-origin' })
    if (!response.ok) throw ApiError.from(response.status, await response.json().catch(() => undefined))
    const url = URL.createObjectURL(await response.blob())
    const link = document.createElement('a')
    link.href = url
    link.download = `assessment-${month}.xlsx`
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  },
}
