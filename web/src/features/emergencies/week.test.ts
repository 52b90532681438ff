import { describe, expect, it } from 'vitest'
import { addDays, mondayOf, weekOf } from './week'

describe('the duty roster week', () => {
  it('starts the week on Monday, across months and years', () => {
    expect(mondayOf('2026-12-03')).toBe('2026-11-30')
    expect(mondayOf('2026-11-30')).toBe('2026-11-30')
    expect(mondayOf('2027-01-03')).toBe('2026-12-28')
    expect(weekOf('2026-12-28')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03'])
    expect(addDays('2026-11-30', -7)).toBe('2026-11-23')
  })
})
