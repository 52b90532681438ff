import { beforeEach, describe, expect, it, vi } from 'vitest'
import { ref } from 'vue'
import { ElMessage } from 'element-plus'
import { ApiError } from '@/api/problem'
import { withSetup } from './withSetup'
import { loadInto, useLoader } from './useLoader'

vi.mock('element-plus', () => ({ ElMessage: { error: vi.fn() } }))
vi.mock('element-plus/es/components/message/style/css', () => ({}))

beforeEach(() => vi.clearAllMocks())

describe('useLoader', () => {
  it('is loading while it fetches', async () => {
    let finish!: () => void
    const loader = withSetup(() => useLoader(() => new Promise<void>((resolve) => (finish = resolve))))

    const loading = loader.load()
    expect(loader.loading.value).toBe(true)
    finish()
    await loading
    expect(loader.loading.value).toBe(false)
  })

  it('lets only the latest of overlapping loads store its answer, and follows it for loading and errors', async () => {
    const answers: Array<(value: string) => void> = []
    const shown: string[] = []
    const loader = withSetup(() =>
      useLoader(async (current) => {
        const value = await new Promise<string>((resolve) => answers.push(resolve))
        if (current()) shown.push(value)
      }),
    )

    const first = loader.load()
    const second = loader.load()
    answers[1]!('acknowledged')
    await second
    expect(loader.loading.value).toBe(false)
    answers[0]!('open')
    await first
    expect(shown).toEqual(['acknowledged'])
    expect(loader.loading.value).toBe(false)
  })

  it('says what failed in the reader language, until a fetch succeeds', async () => {
    const fetch = vi.fn().mockRejectedValueOnce(ApiError.network(new TypeError('Failed to fetch'))).mockResolvedValueOnce(undefined)
    const loader = withSetup(() => useLoader(fetch))

    await loader.load()
    expect(loader.error.value).toBe('无法连接服务器，请检查网络后重试。')
    expect(loader.loading.value).toBe(false)

    await loader.load()
    expect(loader.error.value).toBeNull()
    expect(ElMessage.error).not.toHaveBeenCalled()
  })

  it('describes a failure as the screen asks, and reports another action the same way',  () => {
    const loader = withSetup(() => useLoader(() => Promise.resolve(), { describe: (e) => `smart: ${(e as ApiError).code}` }))

    loader.fail(new ApiError(503, 'smart.unavailable', 'x'))
    expect(loader.error.value).toBe('smart: smart.unavailable')
  })

  it('shows a failure as a message when asked to', async () => {
    const loader = withSetup(() => useLoader(() => Promise.reject(new ApiError(403, 'auth.forbidden', 'x')), { toast: true }))

    await loader.load()
    expect(ElMessage.error).toHaveBeenCalledTimes(1)
    expect(loader.error.value).toBeNull()
  })
})

describe('loadInto', () => {
  it('stores the answer of the latest load only: the list of the period chosen before, answered last, is dropped', async () => {
    const answers: Array<(value: string) => void> = []
    const list = ref('')
    const loader = withSetup(() => useLoader(loadInto(list, () => new Promise<string>((resolve) => answers.push(resolve)))))

    const year = loader.load()
    const month = loader.load()
    answers[1]!('month')
    await month
    answers[0]!('year')
    await year

    expect(list.value).toBe('month')
  })
})

