import { afterEach, describe, expect, it, vi } from 'vitest'
import { knowledgeApi } from './knowledge'
import { usersApi } from './organisation'
import { workOrdersApi } from './workOrders'

// Phone numbers, names and the account of a call never travel in a URL (proxies and access logs keep URLs): the calls
// that carry them send a JSON body.
describe('calls that carry personal data', () => {
  const sent: Request[] = []

  function answer(body: unknown): void {
    vi.stubGlobal('fetch', async (request: Request) => {
      sent.push(request)
      return new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } })
    })
  }

  afterEach(() => {
    vi.unstubAllGlobals()
    sent.length = 0
  })

  it('asks for the caller history with the number in the body', async () => {
    answer({ phone: '136****1234', total: 0, openCount: 0, items: [] })

    await workOrdersApi.callerHistory('13600001234')

    expect(sent[0]!.method).toBe('POST')
    expect(new URL(sent[0]!.url).pathname).toBe('/api/callers/history')
    expect(sent[0]!.url).not.toContain('13600001234')
    expect(await sent[0]!.json()).toEqual({ phone: '13600001234' })
  })

  it('asks for knowledge suggestions with what the agent typed in the body', async () => {
    answer({ articles: [], notices: [] })

    await knowledgeApi.suggestions('张三丰来电，电话13812345678，家里停水', '990102001', 5)

    expect(sent[0]!.method).toBe('POST')
    expect(new URL(sent[0]!.url).search).toBe('')
    expect(await sent[0]!.json()).toEqual({ text: '张三丰来电，电话13812345678，家里停水', regionCode: '990102001', limit: 5 })
  })

  it('searches the staff by name with the name in the body', async () => {
    answer({ items: [], total: 0, page: 1, pageSize: 20 })

    await usersApi.list({ q: ' 刘洋 ', unitId: 7, role: 'unitHandler', page: 2, pageSize: 20 })

    expect(sent[0]!.method).toBe('POST')
    expect(new URL(sent[0]!.url).pathname).toBe('/api/users/search')
    expect(new URL(sent[0]!.url).search).toBe('')
    expect(await sent[0]!.json()).toEqual({ q: '刘洋', unitId: 7, role: 'unitHandler', page: 2, pageSize: 20 })
  })
})
