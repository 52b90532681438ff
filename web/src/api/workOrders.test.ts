import { afterEach, describe, expect, it, vi } from 'vitest'
import { timelinePageSize, workOrdersApi } from './workOrders'

const entry = (id: number) => ({ id, at: '2026-03-02T09:00:00+08:00', action: 'remind', actorName: '督办员', actorRoles: 'Supervisor', actorUnitName: '市热线中心', reason: null, fromStatus: null, toStatus: null, details: {} })

describe('workOrdersApi.timeline', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('follows the cursor while the server answers full pages, and stops at a short one', async () => {
    const asked: string[] = []
    vi.stubGlobal('fetch', async (request: Request) => {
      const url = new URL(request.url)
      asked.push(url.search)
      const after = Number(url.searchParams.get('after') ?? 0)
      const count = after === 0 ? timelinePageSize : 3
      const page = Array.from({ length: count }, (_, i) => entry(after + i + 1))
      return new Response(JSON.stringify(page), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })

    const entries = await workOrdersApi.timeline(7)

    expect(entries).toHaveLength(timelinePageSize + 3)
    expect(asked).toEqual(['', `?after=${timelinePageSize}`])
    expect(entries.at(-1)?.id).toBe(timelinePageSize + 3)
  })
})
