import { defineStore } from 'pinia'
import { ref } from 'vue'
import type { HubConnection } from '@microsoft/signalr'
import type { NotificationView } from '@/api/notifications'

/**
 * What the server says when a work order changes (src/Hotline/Features/LiveUpdates): enough to refresh a list row, never
 * caller data. Each connection hears the orders its user's scope covers.
 */
export interface WorkOrderChanged {
  id: number
  number: string
  action: string
  status: string
  light: 'none' | 'yellow' | 'red'
  leadUnitId: number | null
  leadUnitName: string | null
  at: string
}

/** A new workbench notification for this user (src/Hotline/Features/Notifications); the bell reloads its list. */
export type NotificationPushed = NotificationView

export type LiveState = 'off' | 'connecting' | 'on' | 'reconnecting'

/** Waits between reconnection attempts; after the last one the store keeps retrying every minute. */
const RETRY_MS = [0, 2_000, 5_000, 10_000, 30_000]
const LATER_MS = 60_000

/**
 * The workbench's live channel (/hubs/work-orders, cookie-authenticated). It is opened after sign-in and closed at
 * sign-out; it reconnects quietly (no messages, no console noise), and after a session expiry it opens again once the
 * person has signed in. The SignalR client is loaded on demand, so the sign-in page does not carry it.
 */
export const useLiveStore = defineStore('live', () => {
  const state = ref<LiveState>('off')
  const listeners = new Set<(message: WorkOrderChanged) => void>()
  const notificationListeners = new Set<(message: NotificationPushed | null) => void>()
  let connection: HubConnection | null = null
  let wanted = false
  let retryTimer: ReturnType<typeof setTimeout> | undefined

  async function start(): Promise<void> {
    wanted = true
    clearTimeout(retryTimer)
    if (connection) return
    state.value = 'connecting'
    const signalR = await import('@microsoft/signalr')
    if (!wanted || connection) return
    const built = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/work-orders')
      .withAutomaticReconnect(RETRY_MS)
      .configureLogging(signalR.LogLevel.None)
      .build()
    built.on('workOrderChanged', (message: WorkOrderChanged) => {
      for (const listener of listeners) listener(message)
    })
    built.on('notification', (message: NotificationPushed) => {
      for (const listener of notificationListeners) listener(message)
    })
    built.onreconnecting(() => (state.value = 'reconnecting'))
    built.onreconnected(() => {
      state.value = 'on'
      refreshAll()
    })
    built.onclose(() => {
      connection = null
      state.value = 'off'
      if (wanted) retryTimer = setTimeout(() => void start(), LATER_MS)
    })
    connection = built
    try {
      await built.start()
      state.value = 'on'
      // The lists open now were read before this connection joined its groups (after sign-in, or a restart after a
      // close): a change saved in between was pushed to no one.
      refreshAll()
    } catch {
      // Unreachable server or an expired session: try again later, without troubling the person.
      connection = null
      state.value = 'off'
      if (wanted) retryTimer = setTimeout(() => void start(), LATER_MS)
    }
  }

  /** Whatever changed while the channel was not listening was not heard: let every open list and the bell refresh once. */
  function refreshAll(): void {
    for (const listener of listeners) listener({ id: 0, number: '', action: 'reconnected', status: '', light: 'none', leadUnitId: null, leadUnitName: null, at: '' })
    for (const listener of notificationListeners) listener(null)
  }

  async function stop(): Promise<void> {
    wanted = false
    clearTimeout(retryTimer)
    const current = connection
    connection = null
    state.value = 'off'
    await current?.stop()
  }

  /** Starts again at once (after a new sign-in, whose cookie the old connection does not carry). */
  async function restart(): Promise<void> {
    await stop()
    await start()
  }

  function subscribe(listener: (message: WorkOrderChanged) => void): () => void {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  /** Hears each notification pushed to this user; null after a reconnection (reload: something may have been missed). */
  function subscribeNotifications(listener: (message: NotificationPushed | null) => void): () => void {
    notificationListeners.add(listener)
    return () => notificationListeners.delete(listener)
  }

  return { state, start, stop, restart, subscribe, subscribeNotifications }
})
