// The duty roster's week (值班表): calendar dates as "2026-12-03", Monday first, independent of any time zone.

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
