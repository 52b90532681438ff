import { ApiError } from '@/api/problem'
import { describeError, type Translator } from '@/api/describe'

/** A refusal of a smart-dispatch call in the reader's language: its own codes (smart.errors.*), else the common ones. */
export function describeSmartError(error: unknown, translator: Translator): string {
  if (error instanceof ApiError) {
    const key = `smart.errors.${error.code}`
    if (translator.te(key)) return translator.t(key)
  }
  return describeError(error, translator)
}
