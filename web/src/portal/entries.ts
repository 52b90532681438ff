/**
 * The portal home's entries, one per citizen service, in the order a citizen sees them. Each names its route, its
 * message key (portal.entries.<key>) and a Vant icon. A service adds its line here when its screen exists.
 */
export interface PortalEntry {
  key: string
  to: string
  icon: string
}

export const portalEntries: PortalEntry[] = [
  { key: 'submit', to: '/submit', icon: 'edit' },
  { key: 'track', to: '/track', icon: 'todo-list-o' },
  { key: 'chat', to: '/chat', icon: 'service-o' },
  { key: 'knowledge', to: '/knowledge', icon: 'search' },
  { key: 'notices', to: '/notices', icon: 'volume-o' },
  { key: 'mailbox', to: '/mailbox', icon: 'envelop-o' },
  { key: 'letters', to: '/mailbox/letters', icon: 'notes-o' },
  { key: 'supervision', to: '/supervision', icon: 'flag-o' },
]
