import type { Schemas } from '@/api/client'
import { call, portalHttp } from '../api'

export type LetterRequest = Schemas['LetterRequest']
export type PublicLetter = Schemas['PublicLetterDto']
export type PublicLetterPage = Schemas['PagedOfPublicLetterDto']
export type CitizenCategory = Schemas['CitizenCategory']
export type SubmissionReceived = Schemas['SubmissionReceived']

/** The mayor's mailbox's calls (issue 18): write a letter with the verified phone, read the published letters. */
export const mailboxApi = {
  categories: () => call(portalHttp.GET('/api/citizen/categories')) as Promise<CitizenCategory[]>,
  write: (letter: LetterRequest) => call(portalHttp.POST('/api/citizen/mailbox/letters', { body: letter })) as Promise<SubmissionReceived>,
  published: (page = 1) =>
    call(portalHttp.GET('/api/portal/mailbox/letters', { params: { query: { page, pageSize: 20 } } })) as Promise<PublicLetterPage>,
}
