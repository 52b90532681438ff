import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/locales/zh-CN.json'
import en from '@/locales/en.json'
import { ApiError } from '@/api/problem'
import { signInMessage } from './signInError'
import { parseServerTime } from '@/format'

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })
const tr = { t: i18n.global.t as (k: string, p?: Record<string, unknown>) => string, te: (k: string) => i18n.global.te(k) }
const throttled = (seconds: number) =>
  new ApiError(429, 'auth.too_many_attempts', 'x', {}, { code: 'auth.too_many_attempts', retryAfterSeconds: seconds })

describe('sign-in messages', () => {
  it('puts a wrong password next to the password field', () => {
    expect(signInMessage(new ApiError(401, 'auth.invalid_credentials', 'x'), tr)).toEqual([{ field: 'password', text: '用户名或密码不正确。' }])
  })

  it('says how long to wait when sign-in is slowed down, in seconds or whole minutes', () => {
    expect(signInMessage(throttled(45), tr)).toEqual([{ field: null, text: '登录尝试过多，请在 45 秒后再试。' }])
    expect(signInMessage(throttled(61), tr)).toEqual([{ field: null, text: '登录尝试过多，请在 2 分钟后再试。' }])
    i18n.global.locale.value = 'en'
    try {
      expect(signInMessage(throttled(900), tr)[0]!.text).toBe('Too many sign-in attempts: try again in 15 min.')
    } finally {
      i18n.global.locale.value = 'zh-CN'
    }
  })

  it('still says to wait when the server does not say how long', () => {
    expect(signInMessage(new ApiError(429, 'too_many_requests', 'x'), tr)).toEqual([{ field: null, text: '登录尝试过于频繁，请稍后再试。' }])
  })

  it('puts missing fields next to them', () => {
    const error = new ApiError(400, 'validation_failed', 'x', { userName: ['This field is required.'] })
    expect(signInMessage(error, tr)).toEqual([{ field: 'userName', text: '此项必填。' }])
  })
})

describe('server times', () => {
  it('reads a time without an offset as UTC', () => {
    expect(parseServerTime('2026-03-02T01:15:00').toISOString()).toBe('2026-03-02T01:15:00.000Z')
    expect(parseServerTime('2026-03-02T09:15:00+08:00').toISOString()).toBe('2026-03-02T01:15:00.000Z')
  })
})
