import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/locales/zh-CN.json'
import { ApiError } from '@/api/problem'
import { signInMessage } from './signInError'
import { formatDateTime, parseServerTime } from '@/format'

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
const tr = { t: i18n.global.t as (k: string, p?: Record<string, unknown>) => string, te: (k: string) => i18n.global.te(k) }
const time = (iso: string) => formatDateTime(iso, 'zh-CN')

describe('sign-in messages', () => {
  it('puts a wrong password next to the password field', () => {
    expect(signInMessage(new ApiError(401, 'auth.invalid_credentials', 'x'), tr, time)).toEqual([{ field: 'password', text: '用户名或密码不正确。' }])
  })

  it('says until when a locked account stays locked, in Beijing time', () => {
    const error = new ApiError(423, 'auth.locked_out', 'x', {}, { lockoutEndUtc: '2026-03-02T01:15:00' })
    const [message] = signInMessage(error, tr, time)
    expect(message!.field).toBeNull()
    expect(message!.text).toContain('09:15')
  })

  it('puts missing fields next to them', () => {
    const error = new ApiError(400, 'validation_failed', 'x', { userName: ['This field is required.'] })
    expect(signInMessage(error, tr, time)).toEqual([{ field: 'userName', text: '此项必填。' }])
  })
})

describe('server times', () => {
  it('reads a time without an offset as UTC', () => {
    expect(parseServerTime('2026-03-02T01:15:00').toISOString()).toBe('2026-03-02T01:15:00.000Z')
    expect(parseServerTime('2026-03-02T09:15:00+08:00').toISOString()).toBe('2026-03-02T01:15:00.000Z')
  })
})
