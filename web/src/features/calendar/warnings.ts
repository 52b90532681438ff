import type { CalendarWarning } from '@/api/client'
import type { Translate } from '@/api/serverMessages'

/** The administrators' calendar warnings (current year missing; from 1 December, next year missing). */
export function calendarWarningText(warning: CalendarWarning, t: Translate): string {
  switch (warning.code) {
    case 'calendar.current_year_missing':
      return t('calendar.unpublished', { year: warning.year })
    case 'calendar.next_year_missing':
      return t('calendar.nextYearMissing', { year: warning.year })
    default:
      return warning.message
  }
}
