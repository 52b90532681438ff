import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { ElMessage, ElMessageBox } from 'element-plus'
import { ApiError } from '@/api/problem'
import { withSetup } from './withSetup'
import { useEditDialog, type EditDialogOptions } from './useEditDialog'

vi.mock('element-plus', () => ({ ElMessage: { success: vi.fn(), error: vi.fn() }, ElMessageBox: { confirm: vi.fn() } }))
vi.mock('element-plus/es/components/message/style/css', () => ({}))
vi.mock('element-plus/es/components/message-box/style/css', () => ({}))

interface Rule {
  id: number
  name: string
  days: number
}
type Draft = { name: string; days: number }

function editor(overrides: Partial<EditDialogOptions<Rule, Draft, Rule>> = {}) {
  const api = { save: vi.fn(async (d: Draft, row: Rule | null) => ({ id: row?.id ?? 9, ...d })), saved: vi.fn() }
  const dialog = withSetup(() =>
    useEditDialog<Rule, Draft, Rule>({
      form: (row) => ({ name: row?.name ?? '', days: row?.days ?? 5 }),
      save: api.save,
      message: (row) => (row ? 'saved' : 'created'),
      saved: api.saved,
      ...overrides,
    }),
  )
  return { dialog, api }
}

/** A promise the test settles when it wants to. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)))
  return { promise, resolve, reject }
}

beforeEach(() => vi.clearAllMocks())

describe('useEditDialog', () => {
  it('opens with the form of a row, or the defaults for a new one, and forgets the last problem', () => {
    const { dialog } = editor()
    const rule = { id: 1, name: '供水', days: 3 }

    dialog.edit(rule)
    expect(dialog.open.value).toBe(true)
    expect(dialog.editing.value).toBe(rule)
    expect({ ...dialog.draft }).toEqual({ name: '供水', days: 3 })

    dialog.problem.capture(new ApiError(400, 'validation_failed', 'x', { name: ['This field is required.'] }))
    dialog.open.value = false
    dialog.edit(null)
    expect(dialog.open.value).toBe(true)
    expect(dialog.editing.value).toBeNull()
    expect({ ...dialog.draft }).toEqual({ name: '', days: 5 })
    expect(dialog.problem.field('name')).toBeUndefined()
  })

  it('sends the form for the row being edited, says so, closes and then runs what follows', async () => {
    const { dialog, api } = editor()
    const rule = { id: 1, name: '供水', days: 3 }
    dialog.edit(rule)
    dialog.draft.days = 4

    expect(await dialog.save()).toBe(true)

    expect(api.save).toHaveBeenCalledWith({ name: '供水', days: 4 }, rule)
    expect(ElMessage.success).toHaveBeenCalledWith('saved')
    expect(api.saved).toHaveBeenCalledWith({ id: 1, name: '供水', days: 4 }, rule)
    expect(dialog.open.value).toBe(false)
    expect(dialog.busy.value).toBe(false)
  })

  it('keeps the dialog open with the field problems of a 400 problem details', async () => {
    const { dialog, api } = editor({ save: vi.fn().mockRejectedValue(ApiError.from(400, { code: 'validation_failed', title: 'x', errors: { name: ['This field is required.'] } })) })
    dialog.edit(null)

    expect(await dialog.save()).toBe(false)

    expect(dialog.open.value).toBe(true)
    expect(dialog.problem.field('name')).toBe('此项必填。')
    expect(dialog.problem.message.value).toBe('有字段填写不正确，请查看标红的提示。')
    expect(ElMessage.success).not.toHaveBeenCalled()
    expect(api.saved).not.toHaveBeenCalled()
    expect(dialog.busy.value).toBe(false)
  })

  it('is busy while the request runs and sends the form once at a time', async () => {
    const pending = deferred<Rule>()
    const save = vi.fn(() => pending.promise)
    const { dialog } = editor({ save })
    dialog.edit(null)

    const first = dialog.save()
    expect(dialog.busy.value).toBe(true)
    expect(await dialog.save()).toBe(false)
    expect(save).toHaveBeenCalledTimes(1)

    pending.resolve({ id: 9, name: '', days: 5 })
    expect(await first).toBe(true)
    expect(dialog.busy.value).toBe(false)
    expect(ElMessage.success).toHaveBeenCalledWith('created')
  })

  it('opens and closes a dialog whose visibility the caller holds', async () => {
    const open = ref(false)
    const { dialog } = editor({ open })

    dialog.edit(null)
    expect(open.value).toBe(true)
    await dialog.save()
    expect(open.value).toBe(false)
  })

  it('deletes a row only once confirmed, and reports a refusal as a message', async () => {
    const run = vi.fn().mockResolvedValue(undefined)
    const removed = vi.fn()
    const { dialog } = editor({ remove: { confirm: (r) => `delete ${r.name}?`, run, message: () => 'deleted', removed } })
    const rule = { id: 1, name: '供水', days: 3 }

    vi.mocked(ElMessageBox.confirm).mockRejectedValueOnce('cancel')
    await dialog.remove(rule)
    expect(ElMessageBox.confirm).toHaveBeenCalledWith('delete 供水?', '删除', { type: 'warning' })
    expect(run).not.toHaveBeenCalled()

    vi.mocked(ElMessageBox.confirm).mockResolvedValue('confirm' as never)
    await dialog.remove(rule)
    expect(run).toHaveBeenCalledWith(rule)
    expect(ElMessage.success).toHaveBeenCalledWith('deleted')
    expect(removed).toHaveBeenCalledWith(rule)

    run.mockRejectedValueOnce(new ApiError(409, 'concurrency_conflict', 'x'))
    removed.mockClear()
    await dialog.remove(rule)
    expect(ElMessage.error).toHaveBeenCalledTimes(1)
    expect(removed).not.toHaveBeenCalled()
  })
})
