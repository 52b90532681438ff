import { nextTick, reactive, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ApiError } from '@/api/problem'
import { describeError, describeFieldErrors, fieldOfCode } from '@/api/describe'

/**
 * The server's answer to one form's last submit: messages per field (shown by the field they concern, through
 * el-form-item's `error`) and one sentence for the form as a whole. A field's message goes when the field is edited.
 */
export function useProblem() {
  const { t, te } = useI18n()
  const fields = reactive<Record<string, string>>({})
  const message = ref<string | null>(null)
  const code = ref<string | null>(null)

  function clear(): void {
    for (const key of Object.keys(fields)) delete fields[key]
    message.value = null
    code.value = null
  }

  /** Records the error for display; returns it as an ApiError (anything else becomes a network-style error). */
  function capture(error: unknown): ApiError {
    clear()
    const problem = error instanceof ApiError ? error : ApiError.network(error)
    Object.assign(fields, describeFieldErrors(problem, t))
    message.value = describeError(problem, { t, te })
    code.value = problem.code
    const field = fieldOfCode(problem.code)
    if (field && !problem.isValidation) fields[field] = message.value
    return problem
  }

  function field(name: string): string | undefined {
    return fields[name]
  }

  function clearField(name: string): void {
    delete fields[name]
  }

  /**
   * Fields the form itself found empty before sending (name → key under errors.server, the server's own words): each
   * message is put by its field, as the server's would be. Returns whether there was any (then nothing is sent).
   */
  function missing(found: Record<string, string>): boolean {
    const names = Object.keys(found)
    if (!names.length) return false
    clear()
    for (const name of names) fields[name] = t(`errors.server.${found[name]}`)
    return true
  }

  /** Field errors whose names start with a prefix, e.g. "days" → {"days[2].date": …} (rows of a table). */
  function under(prefix: string): Record<string, string> {
    return Object.fromEntries(Object.entries(fields).filter(([k]) => k === prefix || k.startsWith(`${prefix}[`) || k.startsWith(`${prefix}.`)))
  }

  return { fields, message, code, clear, capture, field, clearField, under, missing }
}

/** Puts the cursor in the first field that shows a message, once the messages are on screen. */
export async function focusFirstError(root: ParentNode | null | undefined): Promise<void> {
  await nextTick()
  root?.querySelector<HTMLElement>('.is-error input:not([type=hidden]):not([disabled]), .is-error textarea')?.focus()
}
