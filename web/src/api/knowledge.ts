import {
  call,
  http,
  type Article,
  type ArticleEvent,
  type ArticlePage,
  type ArticleVersion,
  type ErrorReport,
  type ExpiryWarning,
  type KnowledgeContentRequest,
  type SearchResults,
  type Suggestions,
  type UsedArticle,
} from './client'

export interface ArticleQuery {
  status?: string
  kind?: string
  ownerUnitId?: number
  q?: string
  page?: number
  pageSize?: number
}

/** The reviewer's and author's workflow steps: POST /api/knowledge/articles/{id}/<step> with a note and the version seen. */
export type ArticleStep = 'submit' | 'recall' | 'approve' | 'reject' | 'withdraw'

const clean = <T extends object>(q: T): T => Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T

export const knowledgeApi = {
  search: (q: string, kind: 'article' | 'notice' | undefined, page: number, pageSize = 20, regionCode?: string) =>
    call<SearchResults>(http.GET('/api/knowledge/search', { params: { query: clean({ q, kind, regionCode, page: String(page), pageSize: String(pageSize) }) } })),
  /**
   * While an agent types the events: the best live articles, and the notices in force for the region. POST, so that the
   * account of the call (names, phone numbers) stays out of URLs and logs.
   */
  suggestions: (text: string, regionCode: string | null, limit = 5) =>
    call<Suggestions>(http.POST('/api/knowledge/suggestions', { body: { text: text || null, regionCode, limit } })),
  categories: () => call<{ category: string; articles: number }[]>(http.GET('/api/knowledge/categories')),
  get: (id: number) => call<Article>(http.GET('/api/knowledge/articles/{id}', { params: { path: { id } } })),
  list: (query: ArticleQuery) => call<ArticlePage>(http.GET('/api/knowledge/articles', { params: { query: clean(query) } })),
  create: (ownerUnitId: number | null, content: KnowledgeContentRequest) => call<Article>(http.POST('/api/knowledge/articles', { body: { ownerUnitId, content } })),
  edit: (id: number, content: KnowledgeContentRequest, note: string | null, version: number) =>
    call<Article>(http.PUT('/api/knowledge/articles/{id}', { params: { path: { id } }, body: { content, note, version } })),
  step: (id: number, step: ArticleStep, note: string | null, version: number) =>
    // Each step has its own path of the same shape; openapi-fetch types each path separately.
    call<Article>(http.POST(`/api/knowledge/articles/{id}/${step}` as '/api/knowledge/articles/{id}/submit', { params: { path: { id } }, body: { note, version } })),
  timeline: (id: number) => call<ArticleEvent[]>(http.GET('/api/knowledge/articles/{id}/timeline', { params: { path: { id } } })),
  versions: (id: number) => call<ArticleVersion[]>(http.GET('/api/knowledge/articles/{id}/versions', { params: { path: { id } } })),
  /** "Used in an answer": counted, and the live text comes back to fill the direct answer. */
  use: (id: number, workOrderId: number | null) => call<UsedArticle>(http.POST('/api/knowledge/articles/{id}/used', { params: { path: { id } }, body: { workOrderId } })),
  reportError: (id: number, text: string) => call<ErrorReport>(http.POST('/api/knowledge/articles/{id}/error-reports', { params: { path: { id } }, body: { text } })),
  errorReports: (status: 'open' | 'resolved' | undefined, articleId?: number) =>
    call<ErrorReport[]>(http.GET('/api/knowledge/error-reports', { params: { query: clean({ status, articleId }) } })),
  resolveError: (id: number, outcome: 'corrected' | 'noChangeNeeded', note: string, version: number) =>
    call<ErrorReport>(http.POST('/api/knowledge/error-reports/{id}/resolve', { params: { path: { id } }, body: { outcome, note, version } })),
  expiryWarnings: () => call<ExpiryWarning[]>(http.GET('/api/knowledge/expiry-warnings')),
}
