import { describe, expect, it } from 'vitest'
import { formatDateTime } from './format'

describe('formatDateTime', () => {
  it('shows Beijing time year first in every language, never month/day/year', () => {
    expect(formatDateTime('2026-03-02T01:05:00Z', 'zh-CN')).toBe('2026/03/02 09:05')
    expect(formatDateTime('2026-03-02T01:05:00Z', 'en')).toBe('2026-03-02 09:05')
    expect(formatDateTime('2026-03-02T16:30:00', 'en')).toBe('2026-03-03 00:30')
  })
})
