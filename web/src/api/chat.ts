import { call, http, type Schemas } from './client'

// Issue 18: online customer service (在线客服), the agents' side.
export type ChatQueue = Schemas['ChatQueueDto']
export type AgentConversation = Schemas['AgentConversationDto']
export type AgentAvailability = Schemas['AgentAvailability']

export const chatApi = {
  queue: () => call<ChatQueue>(http.GET('/api/chat/queue')),
  availability: (availability: AgentAvailability) => call<ChatQueue>(http.POST('/api/chat/availability', { body: { availability } })),
  takeNext: () => call<AgentConversation>(http.POST('/api/chat/take-next')),
  get: (id: number) => call<AgentConversation>(http.GET('/api/chat/conversations/{id}', { params: { path: { id } } })),
  write: (id: number, text: string) => call<AgentConversation>(http.POST('/api/chat/conversations/{id}/messages', { params: { path: { id } }, body: { text } })),
  close: (id: number, version: number) => call<AgentConversation>(http.POST('/api/chat/conversations/{id}/close', { params: { path: { id } }, body: { version } })),
  register: (id: number, body: Schemas['ConversationRegisterRequest']) =>
    call<Schemas['ConversationRegistered']>(http.POST('/api/chat/conversations/{id}/work-order', { params: { path: { id } }, body })),
}
