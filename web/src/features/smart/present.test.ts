import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { debounced, growthOf, hotSpotChartLabel, linkable, mergeable, percent, questionKey, ratesInPercent, repeatsAskable, routingAskable, routingWarningKey } from './present'

const content = (subject: string, events = '', demand = '') => ({ subject, events, demand, categoryCode: null, regionCode: null })

describe('smart dispatch presentation', () => {
  it('shows confidence as whole percentages, never a small one as zero', () => {
    expect(percent(0.7234)).toBe('72')
    expect(percent(1)).toBe('100')
    expect(percent(0.004)).toBe('<1')
    expect(percent(0)).toBe('0')
    expect(percent(null)).toBe('—')
    expect(percent(1.3)).toBe('100')
  })

  it('names a hot spot in the chart as the table does: an event by its entity or place, a common problem by its spread', () => {
    const spread = (n: number) => `${n} 个地点/对象`
    const event = { rank: 1, list: 'events' as const, entity: '滨河路', placeName: '江南街道办事处', place: '330102001', places: 1, terms: ['路灯', '不亮', '灯不'] }
    expect(hotSpotChartLabel(event, '未填地点', spread)).toBe('1. 滨河路 · 路灯 不亮')
    expect(hotSpotChartLabel({ ...event, entity: null }, '未填地点', spread)).toBe('1. 江南街道办事处 · 路灯 不亮')
    expect(hotSpotChartLabel({ ...event, entity: null, placeName: null, place: null }, '未填地点', spread)).toBe('1. 未填地点 · 路灯 不亮')
    const common = { ...event, rank: 2, list: 'common' as const, entity: null, placeName: null, place: null, places: 7, terms: ['公积金', '贷款'] }
    expect(hotSpotChartLabel(common, '未填地点', spread)).toBe('2. 公积金 贷款 · 7 个地点/对象')
  })

  it('describes growth as new, or as a ratio with one decimal', () => {
    expect(growthOf(12, 0, null)).toEqual({ kind: 'new' })
    expect(growthOf(10, 4, 2.5)).toEqual({ kind: 'times', n: '2.5' })
    expect(growthOf(6, 3, null)).toEqual({ kind: 'times', n: '2.0' })
    expect(growthOf(0, 0, null)).toBeNull()
    // Not compared: neither "new" nor a ratio the client would compute from the sizes.
    expect(growthOf(12, 0, null, false)).toEqual({ kind: 'notCompared' })
    expect(growthOf(6, 3, null, false)).toEqual({ kind: 'notCompared' })
  })

  it('maps the router warnings to locale keys and leaves others to the server message', () => {
    expect(routingWarningKey('router.no_model')).toBe('smart.routing.warnings.noModel')
    expect(routingWarningKey('router.model_loading')).toBe('smart.routing.warnings.loading')
    expect(routingWarningKey('router.model_unusable')).toBe('smart.routing.warnings.unusable')
    expect(routingWarningKey('router.something_else')).toBeNull()
  })

  it('asks for routing after a few characters, for repeats after a full phone number or some text', () => {
    expect(routingAskable(content('  停水 '))).toBe(false)
    expect(routingAskable(content('小区停水', ''))).toBe(true)
    expect(repeatsAskable('138 1111', content(''))).toBe(true)
    expect(repeatsAskable('13811', content('停水'))).toBe(false)
    expect(repeatsAskable(null, content('停水了'))).toBe(true)
  })

  it('keys a question by its trimmed parts', () => {
    expect(questionKey([' a ', null, 3])).toBe(questionKey(['a', undefined, 3]))
    expect(questionKey(['a', 'b'])).not.toBe(questionKey(['a', 'c']))
  })

  it('offers merging into open orders only, linking to earlier ones only', () => {
    expect(mergeable({ status: 'dispatched' })).toBe(true)
    expect(mergeable({ status: 'closed' })).toBe(false)
    expect(linkable({ registeredAt: '2026-03-01T10:00:00+08:00' }, '2026-03-02T09:00:00+08:00')).toBe(true)
    expect(linkable({ registeredAt: '2026-03-03T10:00:00+08:00' }, '2026-03-02T09:00:00+08:00')).toBe(false)
    expect(linkable({ registeredAt: '2026-03-02T09:00:00+08:00' }, '2026-03-02T09:00:00+08:00')).toBe(true)
    expect(linkable({ registeredAt: '2026-03-03T10:00:00+08:00' }, null)).toBe(true)
  })

  it('turns rates into percentages with one decimal', () => {
    expect(ratesInPercent([0.5, null, 0.1234])).toEqual([50, null, 12.3])
  })
})

describe('debounced', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('asks once typing pauses, with the latest question', async () => {
    const fetch = vi.fn((q: string) => Promise.resolve(q.toUpperCase()))
    const apply = vi.fn()
    const d = debounced(fetch, apply, () => undefined, 300)
    d.ask('a')
    await vi.advanceTimersByTimeAsync(200)
    d.ask('ab')
    await vi.advanceTimersByTimeAsync(200)
    expect(fetch).not.toHaveBeenCalled()
    await vi.advanceTimersByTimeAsync(150)
    expect(fetch).toHaveBeenCalledTimes(1)
    expect(fetch).toHaveBeenCalledWith('ab')
    expect(apply).toHaveBeenCalledWith('AB', 'ab')
  })

  it('drops a slow answer to an older question, and answers after cancel', async () => {
    const resolvers: Array<(v: string) => void> = []
    const fetch = vi.fn(() => new Promise<string>((resolve) => resolvers.push(resolve)))
    const apply = vi.fn()
    const d = debounced(fetch, apply, () => undefined, 100)
    d.ask('old')
    await vi.advanceTimersByTimeAsync(100)
    d.ask('new')
    await vi.advanceTimersByTimeAsync(100)
    resolvers[1]!('NEW')
    resolvers[0]!('OLD')
    await vi.advanceTimersByTimeAsync(0)
    expect(apply.mock.calls).toEqual([['NEW', 'new']])

    d.ask('later')
    await vi.advanceTimersByTimeAsync(100)
    d.cancel()
    resolvers[2]!('LATER')
    await vi.advanceTimersByTimeAsync(0)
    expect(apply).toHaveBeenCalledTimes(1)
  })

  it('reports the failure of the latest question only', async () => {
    const fail = vi.fn()
    const d = debounced((q: string) => Promise.reject(new Error(q)), () => undefined, fail, 50)
    d.ask('x')
    await vi.advanceTimersByTimeAsync(60)
    expect(fail).toHaveBeenCalledTimes(1)
    expect((fail.mock.calls[0]![0] as Error).message).toBe('x')
  })
})
