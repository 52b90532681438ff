import { call, http, type Schemas } from './client'

// S1 (热线归并): the register of former hotline numbers merged into 12345.
export type MergedHotline = Schemas['MergedHotlineDto']
export type RegisterMergedHotline = Schemas['RegisterMergedHotlineRequest']

export const mergedHotlinesApi = {
  list: () => call<MergedHotline[]>(http.GET('/api/merged-hotlines')),
  register: (body: RegisterMergedHotline) => call<MergedHotline>(http.POST('/api/merged-hotlines', { body })),
  reschedule: (id: number, until: string, version: number) =>
    call<MergedHotline>(http.PUT('/api/merged-hotlines/{id}/until', { params: { path: { id } }, body: { until, version } })),
  goLive: (id: number, outcome: 'cancel' | 'forward', on: string, version: number) =>
    call<MergedHotline>(http.POST('/api/merged-hotlines/{id}/go-live', { params: { path: { id } }, body: { outcome, on, version } })),
}
