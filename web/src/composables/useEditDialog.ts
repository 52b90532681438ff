import { reactive, ref, shallowRef, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage, ElMessageBox } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import 'element-plus/es/components/message-box/style/css'
import { describeError } from '@/api/describe'
import { useProblem } from './useProblem'

export interface EditDialogOptions<Row, Draft extends object, Saved> {
  /** The form for a row, or for a new one (row null). */
  form: (row: Row | null) => Draft
  /** Sends the form: creates when row is null, else updates the row. */
  save: (draft: Draft, row: Row | null) => Promise<Saved>
  /** The message shown once the server accepted the form ("Saved.", "Created."). */
  message: (row: Row | null) => string
  /** After a save, once the dialog closed: reload a list, tell the parent. */
  saved?: (result: Saved, row: Row | null) => unknown
  /** The dialog's visibility when someone else holds it (a component's v-model); otherwise the composable's own. */
  open?: Ref<boolean>
  /** Deleting a row: the question asked first, the call, its message and what follows (a reload). */
  remove?: {
    confirm: (row: Row) => string
    run: (row: Row) => Promise<unknown>
    message: (row: Row) => string
    removed?: (row: Row) => unknown
  }
}

/**
 * One editor's open/save/remove flow: `edit(row)` fills the form from a row (or the defaults for a new one), clears
 * the last problem and opens the dialog; `save()` sends the form once at a time, closes the dialog on success and
 * otherwise keeps it open with the server's problem by the fields it concerns; `remove(row)` asks, deletes and
 * reports a refusal as a message. Inline editors (no dialog) use the same flow and ignore `open`.
 */
export function useEditDialog<Row, Draft extends object, Saved = unknown>(options: EditDialogOptions<Row, Draft, Saved>) {
  const { t, te } = useI18n()
  const problem = useProblem()
  const draft = reactive(options.form(null)) as Draft
  const editing = shallowRef<Row | null>(null)
  const open = options.open ?? ref(false)
  const busy = ref(false)

  function edit(row: Row | null): void {
    editing.value = row
    problem.clear()
    Object.assign(draft, options.form(row))
    open.value = true
  }

  /** Resolves to whether the server accepted the form. */
  async function save(): Promise<boolean> {
    if (busy.value) return false
    busy.value = true
    problem.clear()
    try {
      const row = editing.value
      const result = await options.save(draft, row)
      ElMessage.success(options.message(row))
      open.value = false
      await options.saved?.(result, row)
      return true
    } catch (error) {
      problem.capture(error)
      return false
    } finally {
      busy.value = false
    }
  }

  async function remove(row: Row): Promise<void> {
    const removing = options.remove
    if (!removing) return
    try {
      await ElMessageBox.confirm(removing.confirm(row), t('common.delete'), { type: 'warning' })
    } catch {
      return
    }
    try {
      await removing.run(row)
      ElMessage.success(removing.message(row))
      await removing.removed?.(row)
    } catch (error) {
      ElMessage.error(describeError(error, { t, te }))
    }
  }

  return { draft, editing, open, busy, problem, edit, save, remove }
}
