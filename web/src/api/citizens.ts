import { call, http, type Schemas } from './client'

// Issue 18: the online intake queue (internet submissions) and the citizen channels' API keys.
export type SubmissionState = Schemas['SubmissionState']
export type SubmissionListItem = Schemas['SubmissionListItem']
export type Submission = Schemas['SubmissionDto']
export type SubmissionPage = Schemas['PagedOfSubmissionListItem']
export type AcceptedSubmission = Schemas['AcceptedSubmission']
export type AcceptSubmissionRequest = Schemas['AcceptSubmissionRequest']
export type ChannelKey = Schemas['ChannelKeyDto']
export type IssuedChannelKey = Schemas['IssuedChannelKey']

export const onlineIntakeApi = {
  list: (state: SubmissionState, page = 1, pageSize = 50) =>
    call<SubmissionPage>(http.GET('/api/online-intake', { params: { query: { state, page, pageSize } } })),
  get: (id: number) => call<Submission>(http.GET('/api/online-intake/{id}', { params: { path: { id } } })),
  accept: (id: number, body: AcceptSubmissionRequest) => call<AcceptedSubmission>(http.POST('/api/online-intake/{id}/accept', { params: { path: { id } }, body })),
  refuse: (id: number, body: Schemas['RefuseSubmissionRequest']) => call<Submission>(http.POST('/api/online-intake/{id}/refuse', { params: { path: { id } }, body })),
}

export const channelKeysApi = {
  list: () => call<ChannelKey[]>(http.GET('/api/channel-keys')),
  create: (body: Schemas['ChannelKeyRequest']) => call<IssuedChannelKey>(http.POST('/api/channel-keys', { body })),
  rotate: (id: number, version: number) => call<IssuedChannelKey>(http.POST('/api/channel-keys/{id}/rotate', { params: { path: { id } }, body: { version } })),
  revoke: (id: number, version: number) => call<ChannelKey>(http.POST('/api/channel-keys/{id}/revoke', { params: { path: { id } }, body: { version } })),
}
