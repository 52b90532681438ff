import createClient from 'openapi-fetch'
import type { components, paths } from './schema'
import { ApiError } from './problem'

/** The server's request and response shapes, generated from its OpenAPI document (scripts/api-types.mjs). */
export type Schemas = components['schemas']
export type Me = Schemas['MeResponse']
export type Role = Schemas['Role']
export type Unit = Schemas['UnitDto']
export type UnitKind = Schemas['UnitKind']
export type Liaison = Schemas['Liaison']
export type User = Schemas['UserDto']
export type SignInEvent = Schemas['SignInEventDto']
export type SignInEventPage = Schemas['PagedOfSignInEventDto']
export type CalendarYear = Schemas['CalendarYearDto']
export type CalendarYearSummary = Schemas['CalendarYearSummary']
export type CalendarDay = Schemas['CalendarDayDto']
export type CalendarDayKind = Schemas['CalendarDayKind']
export type CalendarWarning = Schemas['CalendarWarning']
export type UnitDirectoryEntry = Schemas['UnitDirectoryEntry']
export type WorkOrder = Schemas['WorkOrderDto']
export type WorkOrderSummary = Schemas['WorkOrderSummary']
export type WorkOrderPage = Schemas['PagedOfWorkOrderSummary']
export type WorkOrderSearchResults = Schemas['WorkOrderSearchResults']
export type WorkOrderStatus = Schemas['WorkOrderStatus']
export type TimelineEntry = Schemas['TimelineEntry']
export type CallerView = Schemas['CallerView']
export type CallerHistory = Schemas['CallerHistory']
export type Channel = Schemas['Channel']
export type RequestType = Schemas['RequestType']
export type Urgency = Schemas['Urgency']
export type Light = Schemas['Light']
export type RejectionReason = NonNullable<Schemas['RejectionReason']>
export type EmergencyService = NonNullable<Schemas['EmergencyService']>
export type RegisterRequest = Schemas['RegisterRequest']
export type Category = Schemas['CategoryDto']
export type CatalogueEntry = Schemas['CatalogueEntryDto']
export type DispatchProposal = Schemas['DispatchProposal']
export type DeadlineRule = Schemas['DeadlineRuleDto']
export type Wallboard = Schemas['Wallboard']
export type ReminderEntry = Schemas['ReminderEntry']
export type Article = Schemas['ArticleDto']
export type ArticleSummary = Schemas['ArticleSummaryDto']
export type ArticlePage = Schemas['PagedOfArticleSummaryDto']
export type KnowledgeContent = Schemas['KnowledgeContentDto']
export type KnowledgeContentRequest = Schemas['KnowledgeContentRequest']
export type KnowledgeKind = Schemas['KnowledgeKind']
export type KnowledgeStatus = Schemas['KnowledgeStatus']
export type ArticleEvent = Schemas['ArticleEventDto']
export type ArticleVersion = Schemas['ArticleVersionDto']
export type SearchHit = Schemas['SearchHitDto']
export type SearchResults = Schemas['SearchResultsDto']
export type Suggestions = Schemas['SuggestionsDto']
export type UsedArticle = Schemas['UsedArticleDto']
export type ErrorReport = Schemas['ErrorReportDto']
export type ExpiryWarning = Schemas['ExpiryWarningDto']

/**
 * Asked when a call answers 401 while a session was believed open (it expired, or was ended elsewhere). It resolves
 * true once the person has signed in again, and the call is then sent again unchanged, so nothing typed is lost.
 */
export type SessionExpiredHandler = () => Promise<boolean>

let sessionExpired: SessionExpiredHandler | null = null

export function onSessionExpired(handler: SessionExpiredHandler | null): void {
  sessionExpired = handler
}

/** Calls that answer 401 as their own result, not because a session ended. */
const AUTH_PATHS = ['/api/auth/login', '/api/auth/logout']

export async function fetchWithSession(request: Request, send: (r: Request) => Promise<Response> = (r) => fetch(r)): Promise<Response> {
  const retry = request.clone()
  const response = await send(request)
  if (response.status !== 401 || sessionExpired === null) return response
  const path = new URL(request.url, 'http://localhost').pathname
  if (AUTH_PATHS.includes(path)) return response
  return (await sessionExpired()) ? send(retry) : response
}

export const http = createClient<paths>({
  baseUrl: typeof location === 'undefined' ? 'http://localhost' : location.origin,
  credentials: 'same-origin',
  fetch: (request) => fetchWithSession(request),
})

/** Unwraps an openapi-fetch result: the data on success, an {@link ApiError} otherwise. */
export async function call<T>(pending: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let result: { data?: T; error?: unknown; response: Response }
  try {
    result = await pending
  } catch (cause) {
    throw cause instanceof ApiError ? cause : ApiError.network(cause)
  }
  if (!result.response.ok) throw ApiError.from(result.response.status, result.error)
  return result.data as T
}
