import { call, http, type ReminderEntry, type Schemas, type Wallboard } from './client'

export type ReminderPage = Schemas['PagedOfReminderEntry']

export const supervisionApi = {
  wallboard: () => call<Wallboard>(http.GET('/api/supervision/wallboard')),
  reminders: (page: number, pageSize: number, kind?: 'Automatic' | 'Manual') =>
    call<ReminderPage>(http.GET('/api/supervision/reminders', { params: { query: { page, pageSize, kind } } })),
}

export type { ReminderEntry }
