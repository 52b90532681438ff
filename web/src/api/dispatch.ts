import { call, http, type CatalogueEntry, type Category, type DeadlineRule, type DispatchProposal, type RequestType, type Urgency } from './client'

export interface CatalogueDraft {
  categoryCode: string | null
  regionCode: string
  unitId: number | null
  note: string
}

export interface CategoryDraft {
  code: string
  name: string
  parentCode: string | null
  isActive: boolean
  /** The synonyms as typed: separated by commas, 、 or semicolons. */
  synonyms: string
}

/** "噪音、扰民, 吵" → the list of words (blanks dropped; the server trims and checks them). */
export function splitSynonyms(text: string): string[] {
  return text
    .split(/[,\uff0c\u3001;\uff1b\n]+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0)
}

export interface DeadlineRuleDraft {
  requestType: RequestType | null
  categoryCode: string | null
  urgency: Urgency | null
  handlingWorkingDays: number | null
  callbackWorkingDays: number | null
  /** The dispatch window (issue 15): working days, or "at once" within minutes; neither keeps the default. */
  dispatchWorkingDays: number | null
  dispatchMinutes: number | null
}

const entryBody = (d: CatalogueDraft) => ({ categoryCode: d.categoryCode, regionCode: d.regionCode.trim() || null, unitId: d.unitId, note: d.note.trim() || null })

export const categoriesApi = {
  list: () => call<Category[]>(http.GET('/api/categories')),
  create: (d: CategoryDraft) => call<Category>(http.POST('/api/categories', { body: { code: d.code.trim(), name: d.name, parentCode: d.parentCode, isActive: true, synonyms: splitSynonyms(d.synonyms), version: null } })),
  update: (code: string, d: CategoryDraft, version: number) =>
    call<Category>(http.PUT('/api/categories/{code}', { params: { path: { code } }, body: { code, name: d.name, parentCode: d.parentCode, isActive: d.isActive, synonyms: splitSynonyms(d.synonyms), version } })),
}

export const catalogueApi = {
  list: () => call<CatalogueEntry[]>(http.GET('/api/dispatch-catalogue')),
  /** The catalogue's proposed lead unit for a category and region; null when neither the catalogue nor the territory rule applies. */
  proposal: (categoryCode: string, regionCode: string | null) =>
    call<DispatchProposal | null>(http.GET('/api/dispatch-catalogue/proposal', { params: { query: { categoryCode, regionCode: regionCode ?? undefined } } })),
  create: (d: CatalogueDraft) => call<CatalogueEntry>(http.POST('/api/dispatch-catalogue', { body: { ...entryBody(d), version: null } })),
  update: (id: number, d: CatalogueDraft, version: number) =>
    call<CatalogueEntry>(http.PUT('/api/dispatch-catalogue/{id}', { params: { path: { id } }, body: { ...entryBody(d), version } })),
  remove: (id: number) => call(http.DELETE('/api/dispatch-catalogue/{id}', { params: { path: { id } } })),
}

export const deadlineRulesApi = {
  list: () => call<DeadlineRule[]>(http.GET('/api/deadline-rules')),
  create: (d: DeadlineRuleDraft) => call<DeadlineRule>(http.POST('/api/deadline-rules', { body: { ...d, version: null } })),
  update: (id: number, d: DeadlineRuleDraft, version: number) => call<DeadlineRule>(http.PUT('/api/deadline-rules/{id}', { params: { path: { id } }, body: { ...d, version } })),
  remove: (id: number) => call(http.DELETE('/api/deadline-rules/{id}', { params: { path: { id } } })),
}
