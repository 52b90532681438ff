import { beforeEach, describe, expect, it, vi } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useSessionStore } from './session'
import { authApi } from '@/api/auth'
import { ApiError } from '@/api/problem'
import type { Me } from '@/api/client'

const admin: Me = {
  id: 1,
  userName: 'admin',
  displayName: '系统管理员',
  unit: { id: 2, name: '12345热线中心', kind: 'hotlineCentre' },
  roles: ['administrator'],
  scopePath: '/',
  warnings: [],
  replyVoice: 'unit',
}

describe('session store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    vi.restoreAllMocks()
    localStorage.clear()
  })

  it('does not ask the server when this browser holds no session', async () => {
    const me = vi.spyOn(authApi, 'me')
    const session = useSessionStore()

    expect(await session.load()).toBeNull()
    expect(me).not.toHaveBeenCalled()
    expect(session.loaded).toBe(true)
  })

  it('treats an expired session as signed out, not as an error, and stops asking', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue(admin)
    const me = vi.spyOn(authApi, 'me').mockRejectedValue(new ApiError(401, 'auth.required', 'Sign in first.'))
    const session = useSessionStore()
    await session.login('admin', 'secret')

    expect(await session.load()).toBeNull()
    expect(session.signedIn).toBe(false)
    expect(await session.load()).toBeNull()
    expect(me).toHaveBeenCalledTimes(1)
  })

  it('opens one re-login for calls that fail together, and lets them all retry after sign-in', async () => {
    vi.spyOn(authApi, 'login').mockResolvedValue(admin)
    const session = useSessionStore()
    session.me = admin

    const first = session.requestRelogin()
    const second = session.requestRelogin()
    expect(session.reloginOpen).toBe(true)
    await session.login('admin', 'secret')

    expect(await first).toBe(true)
    expect(await second).toBe(true)
    expect(session.reloginOpen).toBe(false)
  })

  it('fails the waiting calls when the person signs in as someone else instead', async () => {
    const session = useSessionStore()
    session.me = admin
    const waiting = session.requestRelogin()

    session.abandonRelogin()

    expect(await waiting).toBe(false)
    expect(session.signedIn).toBe(false)
  })

  it('does not ask to sign in again when nobody was signed in', async () => {
    const session = useSessionStore()
    expect(await session.requestRelogin()).toBe(false)
    expect(session.reloginOpen).toBe(false)
  })

  it('checks roles for route access', () => {
    const session = useSessionStore()
    session.me = admin
    expect(session.hasAnyRole(['administrator'])).toBe(true)
    expect(session.hasAnyRole(['dispatcher'])).toBe(false)
    expect(session.hasAnyRole(undefined)).toBe(true)
  })
})
