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
  { key: 'knowledge', to: '/knowledge', icon: 'search' },
  { key: 'chat', to: '/chat', icon: 'service-o' },
]
