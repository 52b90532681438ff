import type { Role } from '@/api/client'

/** A menu entry: a screen that exists, and the roles that may open it (none listed = every signed-in person). */
export interface NavEntry {
  route: string
  titleKey: string
  icon: 'House' | 'OfficeBuilding' | 'User' | 'Calendar'
  roles?: readonly Role[]
  group?: 'administration'
}

/**
 * The role-aware menu (SPEC S1). Only screens that exist are listed; the work-order screens join as the
 * lifecycle API lands.
 */
export const NAVIGATION: readonly NavEntry[] = [
  { route: 'home', titleKey: 'nav.home', icon: 'House' },
  { route: 'admin-units', titleKey: 'nav.units', icon: 'OfficeBuilding', roles: ['administrator'], group: 'administration' },
  { route: 'admin-users', titleKey: 'nav.users', icon: 'User', roles: ['administrator'], group: 'administration' },
  { route: 'admin-calendar', titleKey: 'nav.calendar', icon: 'Calendar', roles: ['administrator'], group: 'administration' },
]

export function menuFor(roles: ReadonlySet<Role>, entries: readonly NavEntry[] = NAVIGATION): NavEntry[] {
  return entries.filter((e) => !e.roles || e.roles.some((r) => roles.has(r)))
}

/** Role ids in the order of SPEC S1, grouped as the administrator assigns them. */
export const ROLE_GROUPS: ReadonlyArray<{ key: 'centre' | 'unit' | 'leader'; roles: readonly Role[] }> = [
  {
    key: 'centre',
    roles: ['intakeAgent', 'teamLeader', 'dispatcher', 'callbackAgent', 'qualityInspector', 'supervisor', 'expertSeat', 'centreManager', 'administrator'],
  },
  { key: 'unit', roles: ['unitHandler', 'unitLiaison', 'unitLeader'] },
  { key: 'leader', roles: ['leader'] },
]

export const ALL_ROLES: readonly Role[] = ROLE_GROUPS.flatMap((g) => g.roles)
