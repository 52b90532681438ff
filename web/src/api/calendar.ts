import { call, http, type CalendarDay, type CalendarWarning, type CalendarYear, type CalendarYearSummary } from './client'

export const calendarApi = {
  years: () => call<CalendarYearSummary[]>(http.GET('/api/calendar/years')),
  year: (year: number) => call<CalendarYear>(http.GET('/api/calendar/years/{year}', { params: { path: { year } } })),
  save: (year: number, source: string, days: CalendarDay[]) =>
    call<CalendarYear>(http.PUT('/api/calendar/years/{year}', { params: { path: { year } }, body: { source, days } })),
  remove: (year: number) => call(http.DELETE('/api/calendar/years/{year}', { params: { path: { year } } })),
  warnings: () => call<CalendarWarning[]>(http.GET('/api/calendar/warnings')),
}
