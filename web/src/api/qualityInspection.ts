import { call, http, type Schemas } from './client'
import { download, type DownloadProgress } from './download'

// S14: quality inspection (质检): draw a sample of intake calls or callbacks, score each against its stage's checklist,
// keep the checklists; agents read their own scored inspections.
export type Inspection = Schemas['InspectionDto']
export type InspectionStage = Inspection['stage']
export type InspectionState = Inspection['state']
export type ChecklistItem = Schemas['ChecklistItem']
export type Checklist = Schemas['ChecklistDto']
export type DrawResult = Schemas['DrawResult']
export type ScoreRequest = Schemas['ScoreRequest']

export interface InspectionFilter {
  stage?: InspectionStage
  state?: InspectionState
  from?: string
  to?: string
  page?: number
  pageSize?: number
}

export const qualityInspectionApi = {
  list: (filter: InspectionFilter) => call(http.GET('/api/quality-inspections', { params: { query: filter } })),
  get: (id: number) => call<Inspection>(http.GET('/api/quality-inspections/{id}', { params: { path: { id } } })),
  draw: (stage: InspectionStage, from: string, to: string, perAgent: number) =>
    call<DrawResult>(http.POST('/api/quality-inspections/draws', { body: { stage, from, to, perAgent } })),
  score: (id: number, body: ScoreRequest) => call<Inspection>(http.POST('/api/quality-inspections/{id}/score', { params: { path: { id } }, body })),
  checklists: () => call<Checklist[]>(http.GET('/api/quality-inspections/checklists')),
  replaceChecklist: (stage: InspectionStage, items: ChecklistItem[]) =>
    call<Checklist>(http.PUT('/api/quality-inspections/checklists/{stage}', { params: { path: { stage } }, body: { items } })),
  export: (filter: InspectionFilter, onProgress?: (p: DownloadProgress) => void) =>
    download('/api/quality-inspections/export', { ...filter }, 'quality-inspections.xlsx', onProgress),
}
