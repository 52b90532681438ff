import type { HubConnection } from '@microsoft/signalr'
import type { Schemas } from '@/api/client'
import { call, portalHttp } from '../api'

export type CitizenConversation = Schemas['CitizenConversationDto']
export type ChatLine = Schemas['ChatMessageDto']

const SESSION_KEY = 'hotline.chat'

/** The conversation this tab started and the key that names it (X-Chat-Key), kept for the tab only, never in a URL. */
export const chatSession = {
  get: (): { id: number; key: string } | null => {
    const raw = sessionStorage.getItem(SESSION_KEY)
    return raw ? (JSON.parse(raw) as { id: number; key: string }) : null
  },
  set: (id: number, key: string): void => sessionStorage.setItem(SESSION_KEY, JSON.stringify({ id, key })),
  clear: (): void => sessionStorage.removeItem(SESSION_KEY),
}

const headers = (key: string) => ({ 'X-Chat-Key': key })

export const chatApi = {
  start: async () => {
    const session = (await call(portalHttp.POST('/api/citizen/chat'))) as Schemas['ChatSessionDto']
    chatSession.set(session.conversation.id, session.key)
    return session.conversation
  },
  get: (id: number, key: string) =>
    call(portalHttp.GET('/api/citizen/chat/{id}', { params: { path: { id } }, headers: headers(key) })) as Promise<CitizenConversation>,
  write: (id: number, key: string, text: string) =>
    call(portalHttp.POST('/api/citizen/chat/{id}/messages', { params: { path: { id } }, headers: headers(key), body: { text } })) as Promise<CitizenConversation>,
  handOver: (id: number, key: string) =>
    call(portalHttp.POST('/api/citizen/chat/{id}/handover', { params: { path: { id } }, headers: headers(key) })) as Promise<CitizenConversation>,
  close: (id: number, key: string) =>
    call(portalHttp.POST('/api/citizen/chat/{id}/close', { params: { path: { id } }, headers: headers(key) })) as Promise<CitizenConversation>,
  ticket: (id: number, key: string) =>
    call(portalHttp.POST('/api/citizen/chat/{id}/ticket', { params: { path: { id } }, headers: headers(key) })) as Promise<Schemas['ChatTicketDto']>,
}

/**
 * Listens for "reload" pushes on /hubs/chat with a one-use ticket (a WebSocket cannot carry the key header); on every
 * reconnect it takes a fresh ticket, and the screen reloads the transcript, so nothing is lost when the server restarts.
 */
export async function listen(id: number, key: string, onChange: () => void): Promise<HubConnection> {
  const signalR = await import('@microsoft/signalr')
  const connect = async () => {
    const { ticket } = await chatApi.ticket(id, key)
    const connection = new signalR.HubConnectionBuilder().withUrl(`/hubs/chat?ticket=${encodeURIComponent(ticket)}`).build()
    connection.on('conversationChanged', onChange)
    connection.onclose(() => setTimeout(() => void connect().then(onChange).catch(() => undefined), 2000))
    await connection.start()
    return connection
  }
  return connect()
}
