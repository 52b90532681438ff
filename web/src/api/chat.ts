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
  /** An answer: text, a knowledge article's citation (its title and portal link), or both. */
  write: (id: number, body: Schemas['AgentChatMessageRequest']) => call<AgentConversation>(http.POST('/api/chat/conversations/{id}/messages', { params: { path: { id } }, body })),
  close: (id: number, version: number) => call<AgentConversation>(http.POST('/api/chat/conversations/{id}/close', { params: { path: { id } }, body: { version } })),
  /** The transcripts kept with a work order (the order's scope decides; a confidential caller's words stay with the centre). */
  ofOrder: (id: number) => call<AgentConversation[]>(http.GET('/api/work-orders/{id}/chat', { params: { path: { id } } })),
  register: (id: number, body: Schemas['ConversationRegisterRequest']) =>
    call<Schemas['ConversationRegistered']>(http.POST('/api/chat/conversations/{id}/work-order', { params: { path: { id } }, body })),
}
