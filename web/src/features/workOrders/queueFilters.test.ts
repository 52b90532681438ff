import { describe, expect, it } from 'vitest'
import { CLOCK_TABS, followingTab, isClockTab, type QueueTab } from './queueFilters'

const INBOX: QueueTab[] = [
  { key: 'toSign', query: { status: 'dispatched' }, columns: [] },
  { key: 'inProgress', query: { status: 'inProgress' }, columns: [], follows: ['toSign'] },
  { key: 'atCentre', query: { status: 'returned,replied,awaitingCallback' }, columns: [] },
]

describe('queue tabs', () => {
  it('follows a signed order from the tab to sign into the tab in progress', () => {
    expect(followingTab(INBOX, 'toSign', 'inProgress')?.key).toBe('inProgress')
  })

  it('lets an order leave when no tab follows it (a reply goes to the centre; the queue moves on)', () => {
    expect(followingTab(INBOX, 'inProgress', 'replied')).toBeNull()
    expect(followingTab(INBOX, 'toSign', 'returned')).toBeNull()
  })

  it('knows the clock tabs by key only', () => {
    expect(isClockTab('red')).toBe(true)
    expect(isClockTab('toString')).toBe(false)
    expect(CLOCK_TABS.overdue.query).toEqual({ overdue: true, sort: 'handlingDue' })
  })
})
