import { call, http, type Schemas } from './client'
import { download, queryString } from './download'

// Issue 17 (S11): the analysis report (分析专报) — the figures and generated text of a period on the caller's scope or a
// unit's subtree, saved edited reports (versioned), and their prints (.docx with native charts, printable HTML).
export type ReportDraft = Schemas['ReportDraftDto']
export type SavedReport = Schemas['SavedReportDto']
export type SavedReportSummary = Schemas['SavedReportSummary']
export type ReportFigures = Schemas['ReportFigures']
export type ReportTexts = Schemas['ReportTexts']
export type ReportSectionKey = keyof ReportTexts

/** The sections in the order a report prints them. */
export const REPORT_SECTIONS: readonly ReportSectionKey[] = ['volume', 'categories', 'regions', 'hotSpots', 'rates', 'rankings', 'interviews']

/** A period as the server takes it: a month, a quarter, a year, or any range. */
export type ReportPeriod =
  | { kind: 'month'; year: number; month: number }
  | { kind: 'quarter'; year: number; quarter: number }
  | { kind: 'year'; year: number }
  | { kind: 'range'; from: string; to: string }

/** A period and the unit whose subtree the report covers, as the server's fields (null: not given). */
export interface PeriodFields {
  year: number | null
  month: number | null
  quarter: number | null
  from: string | null
  to: string | null
  unitId: number | null
}

export function periodFields(p: ReportPeriod, unitId?: number | null): PeriodFields {
  const none: PeriodFields = { year: null, month: null, quarter: null, from: null, to: null, unitId: unitId ?? null }
  switch (p.kind) {
    case 'month':
      return { ...none, year: p.year, month: p.month }
    case 'quarter':
      return { ...none, year: p.year, quarter: p.quarter }
    case 'year':
      return { ...none, year: p.year }
    case 'range':
      return { ...none, from: p.from, to: p.to }
  }
}

/** The query string's values of a period (the fields not given left out). */
export function periodQuery(p: ReportPeriod, unitId?: number | null): { year?: number; month?: number; quarter?: number; from?: string; to?: string; unitId?: number } {
  return Object.fromEntries(Object.entries(periodFields(p, unitId)).filter(([, v]) => v !== null))
}

export const reportsApi = {
  draft: (p: ReportPeriod, unitId?: number | null) =>
    call<ReportDraft>(http.GET('/api/assessment/reports/draft', { params: { query: periodQuery(p, unitId) } })),
  list: () => call<SavedReportSummary[]>(http.GET('/api/assessment/reports')),
  get: (id: number) => call<SavedReport>(http.GET('/api/assessment/reports/{id}', { params: { path: { id } } })),
  create: (p: ReportPeriod, unitId: number | null, title: string, sections: ReportTexts) =>
    call<SavedReport>(http.POST('/api/assessment/reports', { body: { ...periodFields(p, unitId), title, sections } })),
  save: (id: number, title: string, sections: ReportTexts, version: number) =>
    call<SavedReport>(http.PUT('/api/assessment/reports/{id}', { params: { path: { id } }, body: { title, sections, version } })),
  /** The Word file of a saved report (its edited text) or of the generated draft. */
  word: (saved: number | null, p: ReportPeriod, unitId: number | null) =>
    saved ? download(`/api/assessment/reports/${saved}/docx`, {}, 'analysis-report.docx') : download('/api/assessment/reports/draft/docx', periodQuery(p, unitId), 'analysis-report.docx'),
  /** The address of the printable page, opened in a new tab. */
  printUrl: (saved: number | null, p: ReportPeriod, unitId: number | null) =>
    saved ? `/api/assessment/reports/${saved}/html` : `/api/assessment/reports/draft/html?${queryString(periodQuery(p, unitId))}`,
}
