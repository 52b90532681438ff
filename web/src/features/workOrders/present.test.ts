import { describe, expect, it } from 'vitest'
import { daysLeftText, daysLeftTone, roleKeys, wallClockLeft } from './present'

const t = (key: string, params?: Record<string, unknown>) => `${key}${params ? JSON.stringify(params) : ''}`

describe('work-order presentation', () => {
  it('counts the handling clock down in working days, and up once overdue', () => {
    expect(daysLeftText(3, t)).toBe('workOrder.daysLeft{"n":3}')
    expect(daysLeftText(0, t)).toBe('workOrder.dueToday')
    expect(daysLeftText(-2, t)).toBe('workOrder.daysOverdue{"n":2}')
    expect(daysLeftText(null, t)).toBe('')
    expect(daysLeftTone(-1, 'none')).toBe('danger')
    expect(daysLeftTone(1, 'none')).toBe('warning')
    expect(daysLeftTone(4, 'none')).toBe('info')
    expect(daysLeftTone(4, 'red')).toBe('danger')
  })

  it('counts the emergency first response in hours and minutes of wall time', () => {
    const now = Date.parse('2026-03-02T09:00:00+08:00')
    expect(wallClockLeft('2026-03-02T10:20:00+08:00', now, t)).toEqual({ text: 'workOrder.timeLeft{"time":"workOrder.hoursMinutes{\\"h\\":1,\\"m\\":20}"}', late: false })
    expect(wallClockLeft('2026-03-02T08:30:00+08:00', now, t)?.late).toBe(true)
  })

  it('reads the timeline role list as locale keys', () => {
    expect(roleKeys('UnitHandler,UnitLiaison')).toEqual(['unitHandler', 'unitLiaison'])
    expect(roleKeys('')).toEqual([])
  })
})
