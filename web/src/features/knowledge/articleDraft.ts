import type { Article, KnowledgeContentRequest, KnowledgeKind } from '@/api/client'

/** The editable content of an article as the form holds it. */
export interface ArticleDraft {
  kind: KnowledgeKind
  title: string
  body: string
  category: string
  regionCodes: string[]
  keywords: string[]
  isCitizenVisible: boolean
  effectiveFrom: string | null
  expiresAt: string | null
  periodStart: string | null
  periodEnd: string | null
}

export const KINDS: readonly KnowledgeKind[] = ['answerWording', 'serviceGuide', 'policy', 'faq', 'notice']

export function emptyArticle(): ArticleDraft {
  return { kind: 'answerWording', title: '', body: '', category: '', regionCodes: [], keywords: [], isCitizenVisible: false, effectiveFrom: null, expiresAt: null, periodStart: null, periodEnd: null }
}

/** The working copy the maintainer edits (or, for a reader, the live version). */
export function draftOf(article: Article): ArticleDraft {
  const c = article.workingCopy ?? article.live
  if (!c) return emptyArticle()
  return {
    kind: c.kind,
    title: c.title,
    body: c.body,
    category: c.category,
    regionCodes: [...c.regionCodes],
    keywords: [...c.keywords],
    isCitizenVisible: c.isCitizenVisible,
    effectiveFrom: c.effectiveFrom,
    expiresAt: c.expiresAt,
    periodStart: c.periodStart,
    periodEnd: c.periodEnd,
  }
}

/** The content as the API takes it; only a notice carries a period. */
export function contentRequest(d: ArticleDraft): KnowledgeContentRequest {
  const notice = d.kind === 'notice'
  return {
    kind: d.kind,
    title: d.title.trim(),
    body: d.body.trim(),
    category: d.category.trim(),
    regionCodes: d.regionCodes,
    keywords: d.keywords.map((k) => k.trim()).filter(Boolean),
    isCitizenVisible: d.isCitizenVisible,
    effectiveFrom: d.effectiveFrom,
    expiresAt: d.expiresAt,
    periodStart: notice ? d.periodStart : null,
    periodEnd: notice ? d.periodEnd : null,
  }
}
