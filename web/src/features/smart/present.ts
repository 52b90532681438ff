import type { HotSpot, RepeatCandidate, TypedContent } from '@/api/smart'

/** A probability (0…1) as a whole percentage; below 1 % but above 0 shows "<1" so that it never reads as none. */
export function percent(value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—'
  const p = Math.round(Math.min(1, Math.max(0, value)) * 100)
  return p === 0 && value > 0 ? '<1' : String(p)
}

/**
 * A hot spot's growth against the previous window: "new" when the previous window had none, else the ratio with one
 * decimal (2.5×), or null when there is nothing to say (no previous and no current orders). A run whose previous window
 * the centre's orders do not cover (its first fortnight, or a year that began inside the history) is "not compared".
 */
export function growthOf(
  size: number,
  previousSize: number,
  growth: number | null,
  compared = true,
): { kind: 'new' } | { kind: 'times'; n: string } | { kind: 'notCompared' } | null {
  if (!compared) return { kind: 'notCompared' }
  if (previousSize <= 0) return size > 0 ? { kind: 'new' } : null
  const ratio = growth ?? size / previousSize
  return { kind: 'times', n: (Math.round(ratio * 10) / 10).toFixed(1) }
}

/**
 * A hot spot's line in the chart, named as the table names it: its rank, then an event's entity (else its place) and
 * its first two terms, or a common problem's first two terms and how many places it spreads over.
 */
export function hotSpotChartLabel(
  h: Pick<HotSpot, 'rank' | 'list' | 'entity' | 'placeName' | 'place' | 'places' | 'terms'>,
  unknownPlace: string,
  spread: (n: number) => string,
): string {
  const terms = h.terms.slice(0, 2).join(' ')
  return h.list === 'common' ? `${h.rank}. ${terms} · ${spread(h.places)}` : `${h.rank}. ${h.entity ?? h.placeName ?? h.place ?? unknownPlace} · ${terms}`
}

/** The locale key of a routing warning's code; unknown codes show the server's own message. */
export function routingWarningKey(code: string): string | null {
  switch (code) {
    case 'router.no_model':
      return 'smart.routing.warnings.noModel'
    case 'router.model_loading':
      return 'smart.routing.warnings.loading'
    case 'router.model_unusable':
      return 'smart.routing.warnings.unusable'
    default:
      return null
  }
}

/** The text suggestions are computed from: subject, events and demand, trimmed. */
export function typedText(c: Pick<TypedContent, 'subject' | 'events' | 'demand'>): string {
  return [c.subject, c.events, c.demand].map((s) => (s ?? '').trim()).filter(Boolean).join('\n')
}

/** Routing is worth asking for once a few characters of the request are typed (a word or two of Chinese). */
export function routingAskable(c: TypedContent): boolean {
  return typedText(c).length >= 4
}

/** Repeats are worth asking for with a full phone number (7+ digits) or more than two characters of text (the server's rule). */
export function repeatsAskable(phone: string | null, c: TypedContent): boolean {
  return (phone ?? '').replace(/\D/g, '').length >= 7 || typedText(c).length > 2
}

/** A key that changes exactly when the question changes, so that an unchanged form is not asked again. */
export function questionKey(parts: ReadonlyArray<string | number | null | undefined>): string {
  return JSON.stringify(parts.map((p) => (typeof p === 'string' ? p.trim() : (p ?? null))))
}

const ENDED = new Set(['closed', 'archived', 'notAccepted'])

/** Merging needs the target still being handled; the server decides in the end. */
export function mergeable(candidate: Pick<RepeatCandidate, 'status'>): boolean {
  return !ENDED.has(candidate.status)
}

/** A repeat links the newer order to the earlier one: only candidates registered no later can be linked to (the server's rule). */
export function linkable(candidate: Pick<RepeatCandidate, 'registeredAt'>, orderRegisteredAt: string | null): boolean {
  return orderRegisteredAt === null || new Date(candidate.registeredAt).getTime() <= new Date(orderRegisteredAt).getTime()
}

export interface Debounced<Q> {
  /** Asks the question after the wait; a newer question before then replaces it. */
  ask(question: Q): void
  /** Forgets the pending question and any answer still on its way. */
  cancel(): void
}

/**
 * Debounce with "latest wins": the question is sent once typing pauses for `wait` ms, and an answer is applied only if
 * no newer question was asked meanwhile (a slow answer to an older text never overwrites a newer one).
 */
export function debounced<Q, R>(
  fetch: (question: Q) => Promise<R>,
  apply: (result: R, question: Q) => void,
  fail: (error: unknown, question: Q) => void,
  wait = 400,
): Debounced<Q> {
  let timer: ReturnType<typeof setTimeout> | undefined
  let asked = 0
  return {
    ask(question: Q) {
      clearTimeout(timer)
      const n = ++asked
      timer = setTimeout(() => {
        fetch(question).then(
          (result) => {
            if (n === asked) apply(result, question)
          },
          (error: unknown) => {
            if (n === asked) fail(error, question)
          },
        )
      }, wait)
    },
    cancel() {
      clearTimeout(timer)
      asked++
    },
  }
}

/** The weekly acceptance rates as chart series, in percent (null where nothing was dispatched). */
export function ratesInPercent(values: ReadonlyArray<number | null>): Array<number | null> {
  return values.map((v) => (v === null ? null : Math.round(v * 1000) / 10))
}
