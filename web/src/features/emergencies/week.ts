import { DISPLAY_TIME_ZONE } from '@/format'

// The duty roster's week (值班表): calendar dates as "2026-12-03", Monday first, today as the centre reads it (Beijing).

/** Today's date in Beijing time, whatever the browser's own zone. */
export function beijingToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: DISPLAY_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now)
}

function toUtc(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number)
  return new Date(Date.UTC(y!, m! - 1, d!))
}

export function addDays(isoDate: string, days: number): string {
  const date = toUtc(isoDate)
  date.setUTCDate(date.getUTCDate() + days)
  return date.toISOString().slice(0, 10)
}

/** The Monday of the date's week. */
export function mondayOf(isoDate: string): string {
  const weekday = (toUtc(isoDate).getUTCDay() + 6) % 7 // Monday 0 … Sunday 6
  return addDays(isoDate, -weekday)
}

/** The seven dates of the week that starts on this Monday. */
export function weekOf(monday: string): string[] {
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
}
