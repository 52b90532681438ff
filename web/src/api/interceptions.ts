import { call, http, type Schemas } from './client'

// Issue 18: the interception of internet submissions (review, release, counts) and the abusive-wording list.
export type InterceptionRule = Schemas['InterceptionRule']
export type InterceptionItem = Schemas['InterceptionItem']
export type Interception = Schemas['InterceptionDto']
export type InterceptionPage = Schemas['PagedOfInterceptionItem']
export type InterceptionCounts = Schemas['InterceptionCounts']
export type InterceptionWord = Schemas['InterceptionWordDto']

export const interceptionsApi = {
  list: (rule: InterceptionRule | null, page = 1, pageSize = 50) =>
    call<InterceptionPage>(http.GET('/api/interceptions', { params: { query: { rule: rule ?? undefined, page, pageSize } } })),
  get: (id: number) => call<Interception>(http.GET('/api/interceptions/{id}', { params: { path: { id } } })),
  release: (id: number, reason: string, version: number) =>
    call<Interception>(http.POST('/api/interceptions/{id}/release', { params: { path: { id } }, body: { reason, version } })),
  counts: () => call<InterceptionCounts>(http.GET('/api/interceptions/counts')),
  words: () => call<InterceptionWord[]>(http.GET('/api/interception-words')),
  addWord: (word: string) => call<InterceptionWord>(http.POST('/api/interception-words', { body: { word } })),
  removeWord: (id: number) => call<void>(http.DELETE('/api/interception-words/{id}', { params: { path: { id } } })),
}
