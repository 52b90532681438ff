import { call, http, type Schemas } from './client'
import { download, type DownloadProgress } from './download'

// The assessment (考核, issue 17, S9): the scores of the units in scope for a month, one unit's figures with their
// formulas, and the orders behind a figure.
export type ScoresDto = Schemas['ScoresDto']
export type UnitScore = Schemas['UnitScore']
export type UnitAssessment = Schemas['UnitAssessmentDto']
export type FigureDetail = Schemas['FigureDetail']
export type FigurePart = 'numerator' | 'denominator' | 'excluded'

/** The figures the scores table shows, in order (the codes of the formula registry). */
export const TABLE_FIGURES: readonly string[] = ['on-time-completion', 'response-rate', 'solve-rate', 'satisfaction-rate', 'return-rate']

export const assessmentApi = {
  scores: (year: number, month: number) => call<ScoresDto>(http.GET('/api/assessment/scores', { params: { query: { year, month } } })),
  unit: (unitId: number, year: number, month: number) =>
    call<UnitAssessment>(http.GET('/api/assessment/units/{unitId}', { params: { path: { unitId }, query: { year, month } } })),
  orders: (unitId: number, year: number, month: number, formula: string, part: FigurePart, page: number, pageSize: number) =>
    call<Schemas['PagedOfWorkOrderSummary']>(
      http.GET('/api/assessment/units/{unitId}/orders', { params: { path: { unitId }, query: { year, month, formula, part, page, pageSize } } }),
    ),
  exportScores: (year: number, month: number, onProgress?: (p: DownloadProgress) => void) =>
    download('/api/assessment/scores/export', { year, month }, 'assessment-scores.xlsx', onProgress),
  exportUnit: (unitId: number, year: number, month: number, onProgress?: (p: DownloadProgress) => void) =>
    download(`/api/assessment/units/${unitId}/export`, { year, month }, 'assessment-unit.xlsx', onProgress),
  exportOrders: (unitId: number, year: number, month: number, formula: string, part: FigurePart, onProgress?: (p: DownloadProgress) => void) =>
    download(`/api/assessment/units/${unitId}/orders/export`, { year, month, formula, part }, 'assessment-orders.xlsx', onProgress),
}

/** A rate as a percentage with one decimal, or a dash when there is no denominator. */
export function percent(rate: number | string | null | undefined): string {
  if (rate === null || rate === undefined) return '—'
  return `${(Number(rate) * 100).toFixed(1)}%`
}
