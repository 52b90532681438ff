import type { Schemas } from '@/api/client'
import { ApiError } from '@/api/problem'
import { call, portalHttp, type PortalSearchResults } from '../api'

export type CodePurpose = Schemas['CodePurpose']
export type CitizenProgress = Schemas['CitizenProgressDto']
export type CitizenStage = Schemas['CitizenStage']
export type CitizenCategory = Schemas['CitizenCategory']
export type CitizenRegion = Schemas['CitizenRegion']
export type SubmissionRequest = Schemas['SubmissionRequest']
export type SubmissionReceived = Schemas['SubmissionReceived']
export type Rating = NonNullable<Schemas['Rating']>
export type RequestType = Schemas['RequestType']

/** The citizen API (issue 18) as the portal calls it: no channel key (the web channel), the citizen token when held. */
export const citizenApi = {
  requestCode: (phone: string, purpose: CodePurpose) => call(portalHttp.POST('/api/citizen/codes', { body: { phone, purpose } })),
  verify: (phone: string, purpose: CodePurpose, code: string) => call(portalHttp.POST('/api/citizen/codes/verify', { body: { phone, purpose, code } })),
  categories: () => call(portalHttp.GET('/api/citizen/categories')) as Promise<CitizenCategory[]>,
  regions: () => call(portalHttp.GET('/api/citizen/regions')) as Promise<CitizenRegion[]>,
  submit: (body: SubmissionRequest) => call(portalHttp.POST('/api/citizen/submissions', { body })) as Promise<SubmissionReceived>,
  mine: () => call(portalHttp.GET('/api/citizen/submissions')) as Promise<CitizenProgress[]>,
  track: (number: string) => call(portalHttp.GET('/api/citizen/submissions/{number}', { params: { path: { number } } })) as Promise<CitizenProgress>,
  /** The citizen-visible notices (停水停电…), of one region when given, newest first. */
  notices: (regionCode?: string) =>
    call(portalHttp.GET('/api/portal/knowledge', { params: { query: { kind: 'notice', regionCode, pageSize: '50' } } })) as Promise<PortalSearchResults>,
  rate: (number: string, processRating: Rating, resultRating: Rating, comment: string | null) =>
    call(portalHttp.POST('/api/citizen/submissions/{number}/rating', { params: { path: { number } }, body: { processRating, resultRating, comment } })) as Promise<CitizenProgress>,
}

/** The first message of a field's problem, for the field's error-message slot. */
export function fieldError(error: unknown, field: string): string {
  return error instanceof ApiError ? (error.fieldErrors[field]?.[0] ?? '') : ''
}

/** Whether the error is the citizen API's "verify the phone first" (no token, or an expired one). */
export function needsVerification(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401
}
