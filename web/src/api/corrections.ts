import { call, http, type Schemas } from './client'

// Correction and accountability (issue 16, S8): corrections (整改) and their accountability circulars (问责通报),
// misconduct records (失职失责记录), the parent units' circulars (通报).
export type Correction = Schemas['CorrectionDto']
export type CorrectionEvent = Schemas['CorrectionEventDto']
export type CorrectionState = Schemas['CorrectionState']
export type CorrectionAction = Schemas['CorrectionAction']
export type CheckOutcome = Schemas['CheckOutcome']
export type Misconduct = Schemas['MisconductDto']
export type MisconductCode = Schemas['MisconductCode']
export type Sanction = Schemas['Sanction']
export type MisconductCount = Schemas['MisconductCount']
export type CircularSummary = Schemas['CircularSummary']
export type Circular = Schemas['CircularDto']
export type CircularFigures = Schemas['CircularFigures']

export const CORRECTION_STATES: readonly CorrectionState[] = ['issued', 'inCorrection', 'reported', 'refused', 'fallenShort', 'passed', 'accountable']
export const MISCONDUCT_CODES: readonly MisconductCode[] = ['buckPassing', 'falseReporting', 'falsification', 'inaction', 'slowAction', 'arbitraryAction', 'improperReturn']
export const SANCTIONS: readonly Sanction[] = ['interview', 'circular', 'publicExposure', 'accountability']
export const CIRCULAR_FIGURES: ReadonlyArray<keyof CircularFigures> = [
  'noticesOpened',
  'noticesClosed',
  'noticesAnsweredLate',
  'noticesRejected',
  'correctionsIssued',
  'correctionsRefused',
  'correctionsFallenShort',
  'accountabilityCirculars',
  'misconductRecords',
]

/** The new-correction form. */
export interface CorrectionDraft {
  unitId: number | null
  noticeId: number | null
  orderNumbers: string
  suggestions: string
  deadlineWorkingDays: number | null
}

/** The new-misconduct form. */
export interface MisconductDraft {
  unitId: number | null
  staffName: string
  code: MisconductCode | null
  sanction: Sanction | null
  facts: string
  workOrderNumber: string
}

const numbers = (text: string) =>
  text
    .split(/[\s,\uFF0C\u3001;\uFF1B]+/)
    .map((n) => n.trim())
    .filter((n) => n.length > 0)

export const correctionsApi = {
  list: (page: number, pageSize: number, state?: string) =>
    call<Schemas['PagedOfCorrectionDto']>(http.GET('/api/supervision/corrections', { params: { query: { page, pageSize, state: state || undefined } } })),
  get: (id: number) => call<Correction>(http.GET('/api/supervision/corrections/{id}', { params: { path: { id } } })),
  timeline: (id: number) => call<CorrectionEvent[]>(http.GET('/api/supervision/corrections/{id}/timeline', { params: { path: { id } } })),
  issue: (d: CorrectionDraft) =>
    call<Correction>(
      http.POST('/api/supervision/corrections', {
        body: { unitId: d.unitId, noticeId: d.noticeId, orderNumbers: numbers(d.orderNumbers), suggestions: d.suggestions.trim(), deadlineWorkingDays: d.deadlineWorkingDays },
      }),
    ),
  accept: (c: Correction, note: string) =>
    call<Correction>(http.POST('/api/supervision/corrections/{id}/accept', { params: { path: { id: c.id } }, body: { note: note.trim() || null, version: c.version } })),
  report: (c: Correction, report: string, evidence: string) =>
    call<Correction>(
      http.POST('/api/supervision/corrections/{id}/report', { params: { path: { id: c.id } }, body: { report: report.trim(), evidence: evidence.trim() || null, version: c.version } }),
    ),
  refuse: (c: Correction, reason: string) =>
    call<Correction>(http.POST('/api/supervision/corrections/{id}/refuse', { params: { path: { id: c.id } }, body: { reason: reason.trim(), version: c.version } })),
  check: (c: Correction, outcome: CheckOutcome, note: string) =>
    call<Correction>(http.POST('/api/supervision/corrections/{id}/check', { params: { path: { id: c.id } }, body: { outcome, note: note.trim() || null, version: c.version } })),
  circular: (c: Correction, facts: string, text: string) =>
    call<Correction>(http.POST('/api/supervision/corrections/{id}/circular', { params: { path: { id: c.id } }, body: { facts: facts.trim(), text: text.trim(), version: c.version } })),
}

export const misconductApi = {
  list: (page: number, pageSize: number, code?: string) =>
    call<Schemas['PagedOfMisconductDto']>(http.GET('/api/supervision/misconduct', { params: { query: { page, pageSize, code: code || undefined } } })),
  byUnit: (from?: string, to?: string) =>
    call<MisconductCount[]>(http.GET('/api/supervision/misconduct/by-unit', { params: { query: { from: from || undefined, to: to || undefined } } })),
  record: (d: MisconductDraft) =>
    call<Misconduct>(
      http.POST('/api/supervision/misconduct', {
        body: {
          unitId: d.unitId,
          staffName: d.staffName.trim() || null,
          code: d.code,
          sanction: d.sanction,
          facts: d.facts.trim(),
          noticeId: null,
          correctionId: null,
          workOrderNumber: d.workOrderNumber.trim() || null,
        },
      }),
    ),
}

export const circularsApi = {
  list: (page: number, pageSize: number, month?: string) =>
    call<Schemas['PagedOfCircularSummary']>(http.GET('/api/supervision/circulars', { params: { query: { page, pageSize, month: month || undefined } } })),
  get: (id: number) => call<Circular>(http.GET('/api/supervision/circulars/{id}', { params: { path: { id } } })),
  generate: (month?: string) => call<CircularSummary[]>(http.POST('/api/supervision/circulars/generate', { params: { query: { month: month || undefined } } })),
  printUrl: (id: number) => `/api/supervision/circulars/${id}/print`,
}
