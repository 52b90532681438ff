import { describe, expect, it } from 'vitest'
import { defaultPeriod, formatChange, formatShare } from './figures'

describe('dashboard figures', () => {
  it('words changes with a sign, and nothing to compare with as a dash', () => {
    expect(formatChange(0.25)).toBe('+25.0%')
    expect(formatChange(-0.5)).toBe('-50.0%')
    expect(formatChange(0)).toBe('0.0%')
    expect(formatChange(null)).toBe('—')
    expect(formatShare(0.125)).toBe('12.5%')
  })

  it('defaults to the two months before this one and this month so far', () => {
    expect(defaultPeriod(new Date(2026, 2, 2))).toEqual(['2026-01-01', '2026-03-02'])
  })
})
