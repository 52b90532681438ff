import { ref } from 'vue'
import type { RouteLocationRaw, Router } from 'vue-router'
import { citizenToken } from '../api'

const held = ref(citizenToken.get() !== null)

/**
 * "Do I hold a verified phone?" for the portal's screens: `verified` follows the token kept for the tab, `requireVerified`
 * sends the citizen to /verify (and back to `next` afterwards) when there is none, and `forget` drops an expired one.
 */
export function useCitizen() {
  return {
    verified: held,
    remember(token: string): void {
      citizenToken.set(token)
      held.value = true
    },
    forget(): void {
      citizenToken.clear()
      held.value = false
    },
    /** True when a token is held; otherwise replaces the screen with /verify?next=<next> and answers false. */
    requireVerified(router: Router, next: string): boolean {
      held.value = citizenToken.get() !== null
      if (held.value) return true
      void router.replace(verifyRoute(next))
      return false
    },
  }
}

export function verifyRoute(next: string): RouteLocationRaw {
  return { path: '/verify', query: { next } }
}

/** A `next` only within the portal: a path of its own, never another site. */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/'
}
