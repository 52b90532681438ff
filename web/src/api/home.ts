import { call, http, type Schemas } from './client'

export type HomeSummary = Schemas['HomeSummary']

export const homeApi = {
  /** The caller's own work, counted in their scope (GET /api/home). */
  get: () => call<HomeSummary>(http.GET('/api/home')),
}
