import { call, http, type Schemas } from './client'

export type NotificationView = Schemas['NotificationView']
export type NotificationList = Schemas['NotificationList']

export const notificationsApi = {
  /** The caller's workbench notifications, those waiting for an acknowledgement first (GET /api/notifications). */
  list: () => call<NotificationList>(http.GET('/api/notifications')),
  /** Takes a notification on, for its whole audience (POST /api/notifications/{id}/acknowledge). */
  acknowledge: (id: number, version: number) =>
    call<NotificationView>(http.POST('/api/notifications/{id}/acknowledge', { params: { path: { id } }, body: { version } })),
}
