import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import zhCN from '@/locales/zh-CN.json'
import en from '@/locales/en.json'
import { describeError, describeFieldErrors } from './describe'
import { ApiError } from './problem'
import { translateServerMessage } from './serverMessages'

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN, en } })
const tr = { t: i18n.global.t as (k: string, p?: Record<string, unknown>) => string, te: (k: string) => i18n.global.te(k) }

describe('server messages in the reader language', () => {
  it('translates a known message and carries its numbers over', () => {
    expect(translateServerMessage('At most 50 characters.', tr.t)).toBe('最多 50 个字符。')
    expect(translateServerMessage('2026-10-01 is listed more than once.', tr.t)).toBe('2026-10-01 重复出现。')
  })

  it('translates the quality-inspection and merged-hotline messages (S14, S1)', () => {
    expect(translateServerMessage('Give 0 to 25 points, in tenths.', tr.t)).toBe('请给 0 至 25 分，精确到 0.1 分。')
    expect(translateServerMessage("Score every line of the checklist; 'record' is missing.", tr.t)).toBe('请为评分表的每一项评分，缺少“record”。')
    expect(translateServerMessage('Dual running lasts at most 6 months: until 2026-07-01 at the latest.', tr.t)).toBe('双号并行最长 6 个月，最迟至 2026-07-01。')
    expect(describeError(new ApiError(409, 'merged_hotline.cancelled', 'A cancelled number is never restored.'), tr)).toBe('号码已注销，不再恢复。')
  })

  it('shows an unknown message as the server wrote it', () => {
    expect(translateServerMessage('A brand-new rule.', tr.t)).toBe('A brand-new rule.')
  })

  it('describes an error by its stable code, falling back to the title', () => {
    expect(describeError(new ApiError(409, 'unit.code_taken', 'Unit code X is already in use.'), tr)).toBe('该单位编码已被使用。')
    expect(describeError(new ApiError(409, 'workorder.something_new', 'Something new.'), tr)).toBe('Something new.')
    expect(describeError(ApiError.network(new TypeError('x')), tr)).toBe('无法连接服务器，请检查网络后重试。')
  })

  it('every locale has the same keys', () => {
    const keys = (o: object, p = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${p}${k}.`) : [`${p}${k}`]))
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('field errors keep their field names', () => {
    const error = new ApiError(400, 'validation_failed', 'x', { 'days[2].kind': ['A make-up working day falls on a Saturday or Sunday.'] })
    expect(describeFieldErrors(error, tr.t)).toEqual({ 'days[2].kind': '调休上班日应在周六或周日。' })
  })
})
