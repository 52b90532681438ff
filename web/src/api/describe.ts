import { ApiError } from './problem'
import { translateServerMessage, type Translate } from './serverMessages'

export interface Translator {
  t: Translate
  te: (key: string) => boolean
}

/** One sentence for the person: the locale's text for the error's stable code, else the server's own title. */
export function describeError(error: unknown, { t, te }: Translator): string {
  if (!(error instanceof ApiError)) return error instanceof Error ? error.message : String(error)
  if (error.code === 'network') return t('errors.network')
  const key = `errors.codes.${error.code}`
  return te(key) ? t(key) : translateServerMessage(error.message, t)
}

/** Field errors in the reader's language, one line per field ("liaisons[0].phone" → its message). */
export function describeFieldErrors(error: ApiError, t: Translate): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const [field, messages] of Object.entries(error.fieldErrors)) {
    fields[field] = messages.map((m) => translateServerMessage(m, t)).join(' ')
  }
  return fields
}

/** Rule errors (409) that concern one field, so that their message is shown next to it. */
const FIELD_OF_CODE: Readonly<Record<string, string>> = {
  'unit.code_taken': 'code',
  'unit.has_active_children': 'isActive',
  'unit.move_into_own_subtree': 'parentId',
  'user.name_taken': 'userName',
  'category.code_taken': 'code',
  'catalogue.duplicate': 'regionCode',
  'knowledge.expiry_in_past': 'expiresAt',
  'emergency_plan.category_taken': 'categoryCode',
}

export function fieldOfCode(code: string): string | undefined {
  return FIELD_OF_CODE[code]
}
