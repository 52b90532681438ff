/** Times are stored in UTC and shown in Asia/Shanghai, whatever the browser's own zone (ARCHITECTURE.md). */
export const DISPLAY_TIME_ZONE = 'Asia/Shanghai'

/** Parses a server time; one written without an offset (a UTC DateTime read back from SQLite) is UTC. */
export function parseServerTime(text: string): Date {
  return new Date(/[zZ]|[+-]\d{2}:?\d{2}$/.test(text) ? text : `${text}Z`)
}

/**
 * A time as the person reads it, in Beijing time: Chinese as 2026/03/02 09:00; every other language in the ISO form
 * 2026-03-02 09:00, never the ambiguous 03/02/2026 (issue 14).
 */
export function formatDateTime(text: string, locale: string): string {
  const parts = new Intl.DateTimeFormat(locale.startsWith('zh') ? locale : 'en-CA', {
    timeZone: DISPLAY_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(parseServerTime(text))
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? ''
  const separator = locale.startsWith('zh') ? '/' : '-'
  return `${part('year')}${separator}${part('month')}${separator}${part('day')} ${part('hour')}:${part('minute')}`
}

/** Weekday name of a calendar date ("2026-02-14"), independent of any time zone. */
export function weekdayName(isoDate: string, locale: string): string {
  const [y, m, d] = isoDate.split('-').map(Number)
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y!, m! - 1, d!)))
}

/** A day of the browser's calendar as the API writes dates (yyyy-MM-dd). */
export function isoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** The period the assessment screens open on: the first of this month to today. */
export function monthToDate(today: Date = new Date()): [string, string] {
  return [isoDate(new Date(today.getFullYear(), today.getMonth(), 1)), isoDate(today)]
}
