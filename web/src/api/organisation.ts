import { call, http, type Liaison, type Role, type Schemas, type SignInEventPage, type Unit, type UnitDirectoryEntry, type UnitKind, type User } from './client'

export interface UnitDraft {
  code: string
  name: string
  kind: UnitKind | null
  parentId: number | null
  regionCode: string
  isActive: boolean
  liaisons: Liaison[]
}

export const unitsApi = {
  /** Every active unit of the platform (name and place in the tree), whatever the reader's scope. */
  directory: () => call<UnitDirectoryEntry[]>(http.GET('/api/units/directory')),
  list: (includeInactive: boolean) => call<Unit[]>(http.GET('/api/units', { params: { query: { includeInactive } } })),
  get: (id: number) => call<Unit>(http.GET('/api/units/{id}', { params: { path: { id } } })),
  create: (draft: UnitDraft) =>
    call<Unit>(
      http.POST('/api/units', {
        body: {
          code: draft.code.trim(),
          name: draft.name,
          kind: draft.kind,
          parentId: draft.parentId,
          regionCode: draft.regionCode,
          liaisons: draft.liaisons,
        },
      }),
    ),
  update: (id: number, draft: UnitDraft, version: number) =>
    call<Unit>(
      http.PUT('/api/units/{id}', {
        params: { path: { id } },
        body: {
          name: draft.name,
          parentId: draft.parentId,
          // An empty string clears the region code; null would keep the stored one.
          regionCode: draft.regionCode,
          isActive: draft.isActive,
          liaisons: draft.liaisons,
          version,
        },
      }),
    ),
}

export interface UserQuery {
  q: string
  unitId: number | null
  role: Role | null
  page: number
  pageSize: number
}

export type UserPage = Schemas['PagedOfUserDto']

export interface UserDraft {
  userName: string
  displayName: string
  unitId: number | null
  roles: Role[]
  isActive: boolean
  password: string
}

export const usersApi = {
  get: (id: number) => call<User>(http.GET('/api/users/{id}', { params: { path: { id } } })),
  /** POST, so that the names searched for stay out of URLs and logs. */
  list: (query: UserQuery) =>
    call<UserPage>(
      http.POST('/api/users/search', {
        body: { q: query.q.trim() || null, unitId: query.unitId, role: query.role, page: query.page, pageSize: query.pageSize },
      }),
    ),
  create: (draft: UserDraft) =>
    call<User>(
      http.POST('/api/users', {
        body: { userName: draft.userName, displayName: draft.displayName, unitId: draft.unitId, roles: draft.roles, password: draft.password },
      }),
    ),
  update: (id: number, draft: UserDraft, version: number) =>
    call<User>(
      http.PUT('/api/users/{id}', {
        params: { path: { id } },
        body: { displayName: draft.displayName, unitId: draft.unitId, roles: draft.roles, isActive: draft.isActive, version },
      }),
    ),
  resetPassword: (id: number, password: string) =>
    call(http.POST('/api/users/{id}/reset-password', { params: { path: { id } }, body: { password } })),
  /** Lifts the account's sign-in throttles (failed passwords make a browser it does not know wait). */
  unlock: (id: number) => call(http.POST('/api/users/{id}/unlock', { params: { path: { id } } })),
  /** Every sign-in throttle, limit and clearing, newest first. */
  signInEvents: (page: number, pageSize: number) =>
    call<SignInEventPage>(http.GET('/api/users/sign-in-events', { params: { query: { page, pageSize } } })),
}
