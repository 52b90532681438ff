import type { NotificationView } from '@/api/notifications'

type Translate = (key: string, values?: Record<string, unknown>) => string
type Has = (key: string) => boolean

/**
 * A notification's sentence in the workbench's language: `notifications.kinds.<kind>` filled with the notification's
 * facts (the order's number, the unit …); an escalated one says so. A kind this workbench does not know yet still reads
 * as "notification about order N".
 */
export function notificationText(n: Pick<NotificationView, 'kind' | 'facts' | 'workOrderNumber' | 'escalationLevel'>, t: Translate, te: Has): string {
  const facts: Record<string, unknown> = { ...n.facts, number: n.facts.number ?? n.workOrderNumber ?? '' }
  const key = `notifications.kinds.${n.kind}`
  const text = te(key) ? t(key, facts) : t('notifications.unknownKind', facts)
  return n.escalationLevel > 0 ? t('notifications.escalated', { text }) : text
}

/** Open first (waiting for an acknowledgement), then newest first. */
export function orderNotifications<T extends Pick<NotificationView, 'id' | 'requiresAcknowledgement' | 'acknowledgedAt'>>(items: T[]): T[] {
  const open = (n: T) => (n.requiresAcknowledgement && !n.acknowledgedAt ? 0 : 1)
  return [...items].sort((a, b) => open(a) - open(b) || b.id - a.id)
}

/** How the server joins a warning's keywords in a reminder's facts (the ideographic comma), and the article route reads them. */
export const KEYWORD_SEPARATOR = '\u3001'

/**
 * The knowledge article a warned issue's reminder asks for (S10): titled by the first keyword, with its keywords
 * as the article's, so that agents searching those words find the wording. Null for any other kind, or without keywords.
 */
export function knowledgeDraftFor(n: Pick<NotificationView, 'kind' | 'facts'>, t: Translate): { title: string; keywords: string } | null {
  if (n.kind !== 'knowledgeForIssue') return null
  const terms = (n.facts.terms ?? '')
    .split(KEYWORD_SEPARATOR)
    .map((s) => s.trim())
    .filter(Boolean)
  return terms.length === 0 ? null : { title: t('notifications.knowledgeTitle', { term: terms[0] }), keywords: terms.join(KEYWORD_SEPARATOR) }
}

/** The quality inspection a scored-call notice is about (S14), to open on the quality screen; null for any other kind. */
export function inspectionFor(n: Pick<NotificationView, 'kind' | 'facts'>): number | null {
  if (n.kind !== 'qualityScored') return null
  const id = Number(n.facts.inspectionId)
  return Number.isInteger(id) && id > 0 ? id : null
}
