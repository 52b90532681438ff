import { call, http, type Schemas } from './client'

// Issue 18: the mayor's mailbox letters accepted into orders, and their publication (the citizen's consent, the edited
// letter and reply without personal data, publish / withdraw with the publication's version).
export type MailboxLetter = Schemas['MailboxLetterItem']
export type MailboxLetterPage = Schemas['PagedOfMailboxLetterItem']
export type LetterProposal = Schemas['LetterProposal']
export type LetterText = Pick<Schemas['PublishLetterRequest'], 'title' | 'letter' | 'reply'>

export const mailboxApi = {
  letters: (page = 1, pageSize = 50) => call<MailboxLetterPage>(http.GET('/api/mailbox/letters', { params: { query: { page, pageSize } } })),
  proposal: (submissionId: number) => call<LetterProposal>(http.GET('/api/mailbox/letters/{submissionId}/proposal', { params: { path: { submissionId } } })),
  publish: (submissionId: number, text: LetterText, version: number | null) =>
    call<LetterProposal>(http.POST('/api/mailbox/letters/{submissionId}/publish', { params: { path: { submissionId } }, body: { ...text, version } })),
  unpublish: (submissionId: number, version: number) =>
    call<LetterProposal>(http.POST('/api/mailbox/letters/{submissionId}/unpublish', { params: { path: { submissionId } }, body: { version } })),
}
