/**
 * Answers that may arrive out of order. A screen that both reloads (on a live push, or once its live channel has joined)
 * and acts (whose answer is the state after the action) can get a reload's answer after the action's: that answer is
 * older, and showing it would undo the action on screen until the next push.
 */

/**
 * Shows each answer only when no request sent after it has been shown: an answer to an earlier request that arrives
 * late is dropped. Nothing is lost by that: the later request's answer holds what the earlier one saw, and a change
 * saved after it is pushed again.
 */
export function inSendingOrder<T>(show: (value: T) => void): (request: () => Promise<T>) => Promise<void> {
  let sent = 0
  let shown = 0
  return async (request) => {
    const mine = ++sent
    const value = await request()
    if (mine < shown) return
    shown = mine
    show(value)
  }
}

/** A record read again is older than the one on screen: the same record at a lower version (versions only grow). */
export function isOlderVersion(onScreen: { id: number; version: number } | null | undefined, answer: { id: number; version: number }): boolean {
  return onScreen !== null && onScreen !== undefined && onScreen.id === answer.id && answer.version < onScreen.version
}
