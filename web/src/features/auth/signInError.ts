import { ApiError } from '@/api/problem'
import type { Translator } from '@/api/describe'
import { describeError } from '@/api/describe'
import { translateServerMessage } from '@/api/serverMessages'

/** Where a failed sign-in's message belongs: next to a field, or over the form (throttling, network). */
export interface SignInMessage {
  field: 'userName' | 'password' | null
  text: string
}

export function signInMessage(error: unknown, tr: Translator): SignInMessage[] {
  if (!(error instanceof ApiError)) return [{ field: null, text: describeError(error, tr) }]
  if (error.code === 'auth.invalid_credentials') return [{ field: 'password', text: tr.t('errors.codes.auth.invalid_credentials') }]
  if (error.status === 429) {
    // The server says how long to wait (retryAfterSeconds); a known and an unknown user name are told the same.
    const seconds = typeof error.details.retryAfterSeconds === 'number' ? error.details.retryAfterSeconds : null
    return [{ field: null, text: seconds ? tr.t('auth.waitBeforeRetry', { wait: waitText(seconds, tr) }) : tr.t('auth.tooManyAttempts') }]
  }
  if (error.isValidation) {
    return Object.entries(error.fieldErrors).map(([field, messages]) => ({
      field: field === 'userName' || field === 'password' ? field : null,
      text: messages.map((m) => translateServerMessage(m, tr.t)).join(' '),
    }))
  }
  return [{ field: null, text: describeError(error, tr) }]
}

/** "45 秒", "2 分钟": seconds under a minute, whole minutes (rounded up) above. */
export function waitText(seconds: number, tr: Translator): string {
  return seconds < 60 ? tr.t('auth.waitSeconds', { n: seconds }) : tr.t('auth.waitMinutes', { n: Math.ceil(seconds / 60) })
}
