import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { authApi } from '@/api/auth'
import { onSessionExpired, type Me, type Role } from '@/api/client'
import { ApiError } from '@/api/problem'
import { clearDrafts } from '@/drafts'

/** Set while this browser holds a session (the cookie itself is HttpOnly): without it the login page asks nothing. */
const SESSION_HINT = 'hotline.session'

function hint(signedIn: boolean): void {
  if (typeof localStorage === 'undefined') return
  if (signedIn) localStorage.setItem(SESSION_HINT, '1')
  else localStorage.removeItem(SESSION_HINT)
}

function hinted(): boolean {
  return typeof localStorage !== 'undefined' && localStorage.getItem(SESSION_HINT) === '1'
}

/**
 * Who is signed in, and the re-login that keeps work alive when a session expires: a call answering 401 opens the
 * re-login dialog and waits; once the person signs in again the call is sent again unchanged.
 */
export const useSessionStore = defineStore('session', () => {
  const me = ref<Me | null>(null)
  const loaded = ref(false)
  const reloginOpen = ref(false)
  let pendingRelogin: Promise<boolean> | null = null
  let settleRelogin: ((signedIn: boolean) => void) | null = null

  const signedIn = computed(() => me.value !== null)
  const roles = computed<ReadonlySet<Role>>(() => new Set(me.value?.roles ?? []))

  function hasAnyRole(wanted: readonly Role[] | undefined): boolean {
    return !wanted || wanted.length === 0 || wanted.some((r) => roles.value.has(r))
  }

  /**
   * Asks the server who the cookie belongs to; an anonymous visitor is not an error. A browser that signed out (or never
   * signed in) does not ask at all: the answer would be a 401 in the console of every visit to the login page (issue 14).
   */
  async function load(): Promise<Me | null> {
    if (!hinted()) {
      me.value = null
      loaded.value = true
      return null
    }
    try {
      me.value = await authApi.me()
    } catch (error) {
      if (!(error instanceof ApiError) || error.status !== 401) throw error
      me.value = null
    } finally {
      hint(me.value !== null)
      loaded.value = true
    }
    return me.value
  }

  async function login(userName: string, password: string): Promise<Me> {
    me.value = await authApi.login(userName, password)
    loaded.value = true
    hint(true)
    if (settleRelogin) finishRelogin(true)
    return me.value
  }

  async function logout(): Promise<void> {
    try {
      await authApi.logout()
    } finally {
      me.value = null
      hint(false)
      clearDrafts()
      if (settleRelogin) finishRelogin(false)
    }
  }

  /** Called by the API client on a 401; concurrent calls wait for the same dialog. */
  function requestRelogin(): Promise<boolean> {
    if (!me.value) return Promise.resolve(false)
    if (!pendingRelogin) {
      reloginOpen.value = true
      pendingRelogin = new Promise<boolean>((resolve) => (settleRelogin = resolve))
    }
    return pendingRelogin
  }

  /** The person gave up re-login (chose another account): the waiting calls fail with their 401. */
  function abandonRelogin(): void {
    me.value = null
    hint(false)
    clearDrafts()
    finishRelogin(false)
  }

  function finishRelogin(signedInAgain: boolean): void {
    reloginOpen.value = false
    const settle = settleRelogin
    settleRelogin = null
    pendingRelogin = null
    settle?.(signedInAgain)
  }

  /** Connects the store to the API client; call once at start-up. */
  function watchExpiry(): void {
    onSessionExpired(requestRelogin)
  }

  return { me, loaded, signedIn, roles, reloginOpen, hasAnyRole, load, login, logout, requestRelogin, abandonRelogin, watchExpiry }
})
