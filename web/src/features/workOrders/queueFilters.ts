import type { WorkOrderQuery } from '@/api/workOrders'
import type { Column } from './present'

/** One tab of a queue screen: its list query and the columns that matter to it. */
export interface QueueTab {
  key: string
  query: WorkOrderQuery
  columns: readonly Column[]
  /** The tabs whose orders come here after an action (签收: to sign → in progress): the queue follows the order here. */
  follows?: readonly string[]
}

const CLOCK_COLUMNS: readonly Column[] = ['subject', 'leadUnit', 'handlingDue']

/**
 * The orders with units by their handling clock, as the server counts them (WorkOrderCounts): due today, yellow, red,
 * overdue. Supervision shows them as its tabs; any queue screen opens one as an extra tab from a link (?tab=red), as
 * the home page's counts do.
 */
export const CLOCK_TABS: Readonly<Record<'dueToday' | 'yellow' | 'red' | 'overdue', QueueTab>> = {
  dueToday: { key: 'dueToday', query: { dueToday: true, sort: 'handlingDue' }, columns: CLOCK_COLUMNS },
  yellow: { key: 'yellow', query: { light: 'yellow', status: 'dispatched,inProgress', sort: 'handlingDue' }, columns: CLOCK_COLUMNS },
  red: { key: 'red', query: { light: 'red', status: 'dispatched,inProgress', sort: 'handlingDue' }, columns: CLOCK_COLUMNS },
  overdue: { key: 'overdue', query: { overdue: true, sort: 'handlingDue' }, columns: CLOCK_COLUMNS },
}

export function isClockTab(key: unknown): key is keyof typeof CLOCK_TABS {
  return typeof key === 'string' && Object.hasOwn(CLOCK_TABS, key)
}

/** The tab an order moves to after an action on the active tab, when that tab follows it there; otherwise null. */
export function followingTab(tabs: readonly QueueTab[], active: string, status: string): QueueTab | null {
  return tabs.find((tab) => tab.key !== active && tab.follows?.includes(active) && (tab.query.status ?? '').split(',').includes(status)) ?? null
}
