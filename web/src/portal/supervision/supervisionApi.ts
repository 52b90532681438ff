import type { Schemas } from '@/api/client'
import { call, portalHttp } from '../api'

export type PublicListing = Schemas['PublicListing']

/** A page of the public listing (挂牌督办, issue 18): the newest listings first; a short page is the last. */
export const pageSize = 20

export const supervisionApi = {
  listings: (page: number) =>
    call(portalHttp.GET('/api/public/supervision-listings', { params: { query: { page, pageSize } } })) as Promise<PublicListing[]>,
}
