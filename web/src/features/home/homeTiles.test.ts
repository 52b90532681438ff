import { describe, expect, it } from 'vitest'
import type { Role } from '@/api/client'
import type { HomeSummary } from '@/api/home'
import { homeTiles } from './homeTiles'

const summary: HomeSummary = {
  at: '2026-03-09T10:00:00+08:00',
  counts: {
    open: 20, awaitingDispatch: 3, sentBackToIntake: 1, toSign: 2, inProgress: 6, returnsToReview: 1, repliesToReview: 2,
    awaitingCallback: 5, dueToday: 4, yellow: 3, red: 1, overdue: 2, withUnits: 8, atCentreReview: 3, awaitingDecision: 0,
  },
  pendingExtensions: 1,
  headline: null,
  hotSpots: null,
}
const tiles = (...roles: Role[]) => homeTiles(new Set(roles), summary)

describe('home tiles', () => {
  it('gives a unit handler its orders to sign, in hand and their clocks, each linked to its inbox tab', () => {
    expect(tiles('unitHandler').map((t) => [t.key, t.value])).toEqual([['toSign', 2], ['inProgress', 6], ['dueToday', 4], ['yellow', 3], ['red', 1]])
    expect(tiles('unitHandler')[2]!.to).toEqual({ name: 'inbox', query: { tab: 'dueToday' } })
  })

  it('gives a dispatcher the queue, returns, extensions and replies to decide, once each', () => {
    const keys = tiles('dispatcher').map((t) => t.key)
    expect(keys.slice(0, 4)).toEqual(['awaitingDispatch', 'returnsToReview', 'pendingExtensions', 'repliesToReview'])
    expect(new Set(keys).size).toBe(keys.length)
    expect(tiles('dispatcher').find((t) => t.key === 'pendingExtensions')!.value).toBe(1)
  })

  it('gives a callback agent the orders to call back, and a leader the clocks linked to supervision', () => {
    expect(tiles('callbackAgent').map((t) => t.key)).toEqual(['awaitingCallback'])
    expect(tiles('leader').map((t) => t.key)).toEqual(['dueToday', 'yellow', 'red', 'overdue'])
    expect(tiles('leader')[2]!.to).toEqual({ name: 'supervision', query: { tab: 'red' } })
  })

  it('gives an administrator no work-order counts', () => {
    expect(tiles('administrator')).toEqual([])
  })
})
