import { describe, expect, it, vi } from 'vitest'
import { withSetup } from './withSetup'
import { usePagedList } from './usePagedList'

vi.mock('element-plus', () => ({ ElMessage: { error: vi.fn() } }))
vi.mock('element-plus/es/components/message/style/css', () => ({}))

describe('usePagedList', () => {
  it('fetches the page it is on, with its size, and keeps the rows and the total', async () => {
    const fetch = vi.fn((page: number, size: number) => Promise.resolve({ items: [`${page}/${size}`], total: 120 }))
    const list = withSetup(() => usePagedList(fetch, 50))

    await list.load()
    expect(list.rows.value).toEqual(['1/50'])
    list.page.value = 3
    await list.load()

    expect(fetch).toHaveBeenLastCalledWith(3, 50)
    expect(list.rows.value).toEqual(['3/50'])
    expect(list.total.value).toBe(120)
  })
})
