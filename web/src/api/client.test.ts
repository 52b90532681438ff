import { afterEach, describe, expect, it, vi } from 'vitest'
import { call, fetchWithSession, onSessionExpired } from './client'
import { ApiError } from './problem'

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/problem+json' } })

describe('fetchWithSession', () => {
  afterEach(() => onSessionExpired(null))

  it('sends the same request again, body included, after the person signs in again', async () => {
    const bodies: string[] = []
    const send = vi.fn(async (r: Request) => {
      bodies.push(await r.text())
      return bodies.length === 1 ? json(401, { code: 'auth.required' }) : json(200, { ok: true })
    })
    const expired = vi.fn(async () => true)
    onSessionExpired(expired)

    const response = await fetchWithSession(new Request('http://localhost/api/units/1', { method: 'PUT', body: '{"name":"typed"}' }), send)

    expect(response.status).toBe(200)
    expect(expired).toHaveBeenCalledOnce()
    expect(bodies).toEqual(['{"name":"typed"}', '{"name":"typed"}'])
  })

  it('returns the 401 when the person gives up signing in again', async () => {
    onSessionExpired(async () => false)
    const send = vi.fn(async () => json(401, { code: 'auth.required' }))

    const response = await fetchWithSession(new Request('http://localhost/api/units'), send)

    expect(response.status).toBe(401)
    expect(send).toHaveBeenCalledOnce()
  })

  it('leaves a failed sign-in alone: its 401 is the answer, not an expired session', async () => {
    const expired = vi.fn(async () => true)
    onSessionExpired(expired)
    const send = vi.fn(async () => json(401, { code: 'auth.invalid_credentials' }))

    const response = await fetchWithSession(new Request('http://localhost/api/auth/login', { method: 'POST', body: '{}' }), send)

    expect(response.status).toBe(401)
    expect(expired).not.toHaveBeenCalled()
  })
})

describe('call', () => {
  it('turns a problem answer into an ApiError with its code and field errors', async () => {
    const response = json(400, { title: 'One or more fields are invalid.', code: 'validation_failed', errors: { 'liaisons[0].phone': ['Give the liaison\'s phone (at most 30 characters).'] } })

    const error = await call(Promise.resolve({ error: await response.clone().json(), response })).catch((e: unknown) => e)

    expect(error).toBeInstanceOf(ApiError)
    expect((error as ApiError).code).toBe('validation_failed')
    expect((error as ApiError).fieldErrors['liaisons[0].phone']).toHaveLength(1)
  })

  it('turns a failed connection into a network error', async () => {
    const error = await call(Promise.reject(new TypeError('Failed to fetch'))).catch((e: unknown) => e)

    expect((error as ApiError).code).toBe('network')
    expect((error as ApiError).status).toBe(0)
  })
})
