import type { CalendarDay, CalendarDayKind } from '@/api/client'

/** One editable line of a year's schedule: a statutory holiday or a make-up working day (调休上班). */
export interface CalendarRow {
  key: number
  date: string
  kind: CalendarDayKind
  name: string
}

let nextKey = 1

export function row(date: string, kind: CalendarDayKind, name: string): CalendarRow {
  return { key: nextKey++, date, kind, name }
}

export function rowsOf(days: readonly CalendarDay[]): CalendarRow[] {
  return sortRows(days.map((d) => row(d.date, d.kind, d.name)))
}

export function sortRows(rows: CalendarRow[]): CalendarRow[] {
  return rows.sort((a, b) => (a.date || '9999').localeCompare(b.date || '9999'))
}

/** The request body, in the rows' order: the server's errors name rows by this index ("days[3].date"). */
export function daysOf(rows: readonly CalendarRow[]): CalendarDay[] {
  return rows.map((r) => ({ date: r.date, kind: r.kind, name: r.name }))
}

function utc(date: string): Date {
  const [y, m, d] = date.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d!))
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10)
}

export function isWeekend(date: string): boolean {
  const day = utc(date).getUTCDay()
  return day === 0 || day === 6
}

/** Holiday rows for every date of a period (a holiday is announced as a period, e.g. 春节 2 月 15–23 日). */
export function holidayRange(from: string, to: string, name: string): CalendarRow[] {
  const rows: CalendarRow[] = []
  for (let d = utc(from); d <= utc(to) && rows.length < 366; d.setUTCDate(d.getUTCDate() + 1)) rows.push(row(iso(d), 'holiday', name))
  return rows
}

/** Server errors of one row, by column ("days[2].kind" → kind). */
export function rowErrors(fields: Readonly<Record<string, string>>, index: number): Partial<Record<'date' | 'kind' | 'name', string>> {
  const prefix = `days[${index}].`
  const result: Partial<Record<'date' | 'kind' | 'name', string>> = {}
  for (const [key, message] of Object.entries(fields)) {
    if (!key.startsWith(prefix)) continue
    const column = key.slice(prefix.length)
    if (column === 'date' || column === 'kind' || column === 'name') result[column] = message
  }
  return result
}

/**
 * Working days in each month of the year: Monday–Friday, less the holidays that fall on them, plus the make-up
 * working days on weekends. An administrator sees at a glance whether a schedule was typed in sensibly.
 */
export function workingDaysPerMonth(year: number, rows: readonly CalendarRow[]): number[] {
  const holidays = new Set(rows.filter((r) => r.kind === 'holiday').map((r) => r.date))
  const workdays = new Set(rows.filter((r) => r.kind === 'workday').map((r) => r.date))
  const counts = new Array<number>(12).fill(0)
  for (let d = new Date(Date.UTC(year, 0, 1)); d.getUTCFullYear() === year; d.setUTCDate(d.getUTCDate() + 1)) {
    const date = iso(d)
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6
    if ((weekend && workdays.has(date)) || (!weekend && !holidays.has(date))) counts[d.getUTCMonth()]!++
  }
  return counts
}
