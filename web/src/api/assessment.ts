import { call, http, type Schemas } from './client'
import { download, type DownloadProgress } from './download'

// The assessment (考核, issue 17, S9): the scores of the units in scope for a month, one unit's figures with their
// formulas, and the orders behind a figure.
export type ScoresDto = Schemas['ScoresDto']
export type UnitScore = Schemas['UnitScore']
export type UnitAssessment = Schemas['UnitAssessmentDto']
export type FigureDetail = Schemas['FigureDetail']
export type FigurePart = 'numerator' | 'denominator' | 'excluded'

export type RuleVersion = Schemas['RuleVersionDto']
export type NewRuleVersion = Schemas['NewRuleVersionRequest']
export type Appeal = Schemas['AppealDto']
export type AppealState = Schemas['AppealState']
export type LedgerEntry = Schemas['LedgerEntryDto']

/** The figures the scores table shows, in order (the codes of the formula registry). */
export const TABLE_FIGURES: readonly string[] = ['on-time-completion', 'response-rate', 'solve-rate', 'satisfaction-rate', 'return-rate']

/** The counts the scores table shows after the rates (the supervision ledger's figures, informational). */
export const TABLE_COUNTS: readonly string[] = ['supervision-notices', 'misconduct-records']

export const assessmentApi = {
  formulas: () => call<Schemas['FormulaDto'][]>(http.GET('/api/assessment/formulas')),
  scores: (year: number, month: number) => call<ScoresDto>(http.GET('/api/assessment/scores', { params: { query: { year, month } } })),
  unit: (unitId: number, year: number, month: number) =>
    call<UnitAssessment>(http.GET('/api/assessment/units/{unitId}', { params: { path: { unitId }, query: { year, month } } })),
  orders: (unitId: number, year: number, month: number, formula: string, part: FigurePart, page: number, pageSize: number) =>
    call<Schemas['PagedOfWorkOrderSummary']>(
      http.GET('/api/assessment/units/{unitId}/orders', { params: { path: { unitId }, query: { year, month, formula, part, page, pageSize } } }),
    ),
  /** The supervision ledger's entries behind a ledger figure (notices or misconduct records). */
  ledger: (unitId: number, year: number, month: number, formula: string) =>
    call<Schemas['PagedOfLedgerEntryDto']>(
      http.GET('/api/assessment/units/{unitId}/ledger', { params: { path: { unitId }, query: { year, month, formula, page: 1, pageSize: 100 } } }),
    ),
  exportScores: (year: number, month: number, onProgress?: (p: DownloadProgress) => void) =>
    download('/api/assessment/scores/export', { year, month }, 'assessment-scores.xlsx', onProgress),
  exportUnit: (unitId: number, year: number, month: number, onProgress?: (p: DownloadProgress) => void) =>
    download(`/api/assessment/units/${unitId}/export`, { year, month }, 'assessment-unit.xlsx', onProgress),
  exportLedger: (unitId: number, year: number, month: number, formula: string, onProgress?: (p: DownloadProgress) => void) =>
    download(`/api/assessment/units/${unitId}/ledger/export`, { year, month, formula }, 'assessment-ledger.xlsx', onProgress),
  exportOrders: (unitId: number, year: number, month: number, formula: string, part: FigurePart, onProgress?: (p: DownloadProgress) => void) =>
    download(`/api/assessment/units/${unitId}/orders/export`, { year, month, formula, part }, 'assessment-orders.xlsx', onProgress),
}

/** The versions of the assessment rules (weights and exclusion switches), newest first, the default last. */
export const rulesApi = {
  list: () => call<RuleVersion[]>(http.GET('/api/assessment/rules')),
  add: (body: NewRuleVersion) => call<RuleVersion>(http.POST('/api/assessment/rules', { body })),
}

/** Appeals (申诉) against one order's count: filed by a unit, decided by the centre. */
export const appealsApi = {
  list: (state: AppealState | null, page: number, pageSize: number) =>
    call<Schemas['PagedOfAppealDto']>(http.GET('/api/assessment/appeals', { params: { query: { state: state ?? undefined, page, pageSize } } })),
  file: (body: Schemas['FileAppealRequest']) => call<Appeal>(http.POST('/api/assessment/appeals', { body })),
  decide: (id: number, approve: boolean, note: string, version: number) =>
    call<Appeal>(http.POST('/api/assessment/appeals/{id}/decision', { params: { path: { id } }, body: { approve, note, version } })),
}

/** A rate as a percentage with one decimal, or a dash when there is no denominator. */
export function percent(rate: number | string | null | undefined): string {
  if (rate === null || rate === undefined) return '—'
  return `${(Number(rate) * 100).toFixed(1)}%`
}
