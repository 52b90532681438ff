import type { RouteLocationRaw } from 'vue-router'
import type { Role } from '@/api/client'
import type { HomeSummary } from '@/api/home'
import { ROLES } from '@/roles'

/** One count of a person's work on the home page, and the queue that lists exactly those orders. */
export interface HomeTile {
  key: string
  value: number
  to: RouteLocationRaw
  tone?: 'blue' | 'yellow' | 'red'
}

type Counts = HomeSummary['counts']
type Source = { count: keyof Counts } | { pending: true }

interface TileRule {
  key: string
  roles: readonly Role[]
  source: Source
  to: RouteLocationRaw
  tone?: HomeTile['tone']
}

const queue = (name: string, tab: string): RouteLocationRaw => ({ name, query: { tab } })

/**
 * Which counts each role works from, in the order a person reads them, each linked to the tab that lists the same
 * orders (the server's counts and the tabs' list queries are the same definitions: WorkOrderCounts). A count that
 * several roles share appears once, linked to the first role's screen.
 */
const RULES: readonly TileRule[] = [
  // A unit: what to sign, what is in hand, and the clocks of its orders.
  { key: 'toSign', roles: ROLES.handle, source: { count: 'toSign' }, to: queue('inbox', 'toSign') },
  { key: 'inProgress', roles: ROLES.handle, source: { count: 'inProgress' }, to: queue('inbox', 'inProgress') },
  { key: 'dueToday', roles: ROLES.handle, source: { count: 'dueToday' }, to: queue('inbox', 'dueToday'), tone: 'blue' },
  { key: 'yellow', roles: ROLES.handle, source: { count: 'yellow' }, to: queue('inbox', 'yellow'), tone: 'yellow' },
  { key: 'red', roles: ROLES.handle, source: { count: 'red' }, to: queue('inbox', 'red'), tone: 'red' },
  // The centre's desks.
  { key: 'sentBackToIntake', roles: ['intakeAgent', 'expertSeat'], source: { count: 'sentBackToIntake' }, to: { name: 'sent-back' } },
  { key: 'awaitingDispatch', roles: ROLES.dispatch, source: { count: 'awaitingDispatch' }, to: queue('dispatch', 'queue') },
  { key: 'returnsToReview', roles: ROLES.dispatch, source: { count: 'returnsToReview' }, to: queue('dispatch', 'returns') },
  { key: 'pendingExtensions', roles: ROLES.reviewExtension, source: { pending: true }, to: queue('dispatch', 'extensions') },
  { key: 'repliesToReview', roles: ROLES.reviewReply, source: { count: 'repliesToReview' }, to: queue('dispatch', 'replies') },
  { key: 'awaitingCallback', roles: ROLES.callback, source: { count: 'awaitingCallback' }, to: queue('callback', 'due') },
  // Those who oversee: the clocks across their scope.
  { key: 'dueToday', roles: ROLES.oversee, source: { count: 'dueToday' }, to: queue('supervision', 'dueToday'), tone: 'blue' },
  { key: 'yellow', roles: ROLES.oversee, source: { count: 'yellow' }, to: queue('supervision', 'yellow'), tone: 'yellow' },
  { key: 'red', roles: ROLES.oversee, source: { count: 'red' }, to: queue('supervision', 'red'), tone: 'red' },
  { key: 'overdue', roles: ROLES.oversee, source: { count: 'overdue' }, to: queue('supervision', 'overdue'), tone: 'red' },
]

export function homeTiles(roles: ReadonlySet<Role>, summary: HomeSummary): HomeTile[] {
  const tiles: HomeTile[] = []
  for (const rule of RULES) {
    if (!rule.roles.some((r) => roles.has(r)) || tiles.some((t) => t.key === rule.key)) continue
    const value = 'pending' in rule.source ? summary.pendingExtensions : Number(summary.counts[rule.source.count] ?? 0)
    tiles.push({ key: rule.key, value, to: rule.to, tone: rule.tone })
  }
  return tiles
}
