import createClient from 'openapi-fetch'
import type { paths } from '@/api/schema'
import { call } from '@/api/client'
import type { Schemas } from '@/api/client'

export { call }
export type PortalArticle = Schemas['PortalArticleDto']
export type PortalSearchResults = Schemas['SearchResultsDto']

const TOKEN_KEY = 'hotline.citizen-token'

/**
 * The citizen's verified-phone token (X-Citizen-Token), kept for the browser tab only: it is short-lived, and a
 * phone passed between people must not keep it after the tab is closed.
 */
export const citizenToken = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
}

/** The portal's client: the same generated API types as the workbench, no session cookie, the citizen token when held. */
export const portalHttp = createClient<paths>({
  baseUrl: location.origin,
  credentials: 'omit',
  fetch: (request) => {
    const token = citizenToken.get()
    if (token) request.headers.set('X-Citizen-Token', token)
    return fetch(request)
  },
})

export const portalApi = {
  searchKnowledge: (q: string, page = 1) =>
    call(portalHttp.GET('/api/portal/knowledge', { params: { query: { q: q || undefined, page: String(page), pageSize: '20' } } })) as Promise<PortalSearchResults>,
  article: (id: number) => call(portalHttp.GET('/api/portal/knowledge/{id}', { params: { path: { id } } })) as Promise<PortalArticle>,
}
