import { ApiError } from '@/api/problem'
import type { Translator } from '@/api/describe'
import { describeError } from '@/api/describe'
import { translateServerMessage } from '@/api/serverMessages'

/** Where a failed sign-in's message belongs: next to a field, or over the form (lockout, throttling, network). */
export interface SignInMessage {
  field: 'userName' | 'password' | null
  text: string
}

export function signInMessage(error: unknown, tr: Translator, formatTime: (iso: string) => string): SignInMessage[] {
  if (!(error instanceof ApiError)) return [{ field: null, text: describeError(error, tr) }]
  if (error.code === 'auth.invalid_credentials') return [{ field: 'password', text: tr.t('errors.codes.auth.invalid_credentials') }]
  if (error.code === 'auth.locked_out') {
    const until = typeof error.details.lockoutEndUtc === 'string' ? error.details.lockoutEndUtc : null
    return [{ field: null, text: until ? tr.t('auth.lockedOut', { time: formatTime(until) }) : tr.t('errors.codes.auth.locked_out') }]
  }
  if (error.status === 429) return [{ field: null, text: tr.t('auth.tooManyAttempts') }]
  if (error.isValidation) {
    return Object.entries(error.fieldErrors).map(([field, messages]) => ({
      field: field === 'userName' || field === 'password' ? field : null,
      text: messages.map((m) => translateServerMessage(m, tr.t)).join(' '),
    }))
  }
  return [{ field: null, text: describeError(error, tr) }]
}
