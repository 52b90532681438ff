import { describe, expect, it } from 'vitest'
import { formatDateTime, isoDate, monthToDate } from './format'

describe('formatDateTime', () => {
  it('shows Beijing time year first in every language, never month/day/year', () => {
    expect(formatDateTime('2026-03-02T01:05:00Z', 'zh-CN')).toBe('2026/03/02 09:05')
    expect(formatDateTime('2026-03-02T01:05:00Z', 'en')).toBe('2026-03-02 09:05')
    expect(formatDateTime('2026-03-02T16:30:00', 'en')).toBe('2026-03-03 00:30')
  })
})

describe('the assessment screens\' period', () => {
  it('opens on the first of this month to today, as the API writes dates', () => {
    expect(isoDate(new Date(2026, 2, 9))).toBe('2026-03-09')
    expect(monthToDate(new Date(2026, 11, 7, 22, 30))).toEqual(['2026-12-01', '2026-12-07'])
    expect(monthToDate(new Date(2026, 0, 1))).toEqual(['2026-01-01', '2026-01-01'])
  })
})
