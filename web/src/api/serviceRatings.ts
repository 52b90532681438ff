import { call, http, type Schemas } from './client'

// Issue 18: the 差评 (bad 好差评 ratings) the centre follows up, and the follow-up's record.
export type BadRatingItem = Schemas['BadRatingItem']
export type BadRatingPage = Schemas['PagedOfBadRatingItem']
/** The list's filter (the server's FollowUpState, a query value). */
export type FollowUpState = 'pending' | 'done' | 'all'
export type FollowUpOutcome = Schemas['FollowUpOutcome']

export const serviceRatingsApi = {
  bad: (state: FollowUpState, page = 1, pageSize = 100) =>
    call<BadRatingPage>(http.GET('/api/service-ratings/bad', { params: { query: { state, page, pageSize } } })),
  followUp: (id: number, outcome: FollowUpOutcome | null, note: string, version: number) =>
    call<BadRatingItem>(http.POST('/api/service-ratings/{id}/follow-up', { params: { path: { id } }, body: { outcome, note, version } })),
}
