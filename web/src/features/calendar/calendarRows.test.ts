import { describe, expect, it } from 'vitest'
import { daysOf, holidayRange, isWeekend, row, rowErrors, rowsOf, workingDaysPerMonth } from './calendarRows'

describe('calendar rows', () => {
  it('expands a holiday period into one row per day', () => {
    const rows = holidayRange('2026-10-01', '2026-10-07', '国庆节')
    expect(rows.map((r) => r.date)).toEqual(['2026-10-01', '2026-10-02', '2026-10-03', '2026-10-04', '2026-10-05', '2026-10-06', '2026-10-07'])
    expect(new Set(rows.map((r) => r.name))).toEqual(new Set(['国庆节']))
  })

  it('sorts loaded days by date and sends them in the order shown', () => {
    const rows = rowsOf([
      { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
      { date: '2026-01-01', kind: 'holiday', name: '元旦' },
    ])
    expect(daysOf(rows).map((d) => d.date)).toEqual(['2026-01-01', '2026-10-01'])
  })

  it('picks the server errors of one row', () => {
    const fields = { 'days[1].kind': 'weekend only', 'days[10].date': 'not this row', source: 'required' }
    expect(rowErrors(fields, 1)).toEqual({ kind: 'weekend only' })
    expect(rowErrors(fields, 0)).toEqual({})
  })

  it('knows weekends', () => {
    expect(isWeekend('2026-02-14')).toBe(true)
    expect(isWeekend('2026-02-16')).toBe(false)
  })

  it('counts working days per month with holidays off and make-up days on', () => {
    const plain = workingDaysPerMonth(2026, [])
    expect(plain[0]).toBe(22) // January 2026: 22 weekdays
    const rows = [...holidayRange('2026-01-01', '2026-01-03', '元旦'), row('2026-01-04', 'workday', '元旦调休')]
    // 1 and 2 January are weekdays (the 3rd is a Saturday); Sunday the 4th is worked.
    expect(workingDaysPerMonth(2026, rows)[0]).toBe(22 - 2 + 1)
    expect(plain.reduce((a, b) => a + b, 0)).toBe(261)
  })
})
