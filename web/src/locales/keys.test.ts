// @vitest-environment node
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN.json'
import en from './en.json'
import portalZhCN from '../portal/locales/zh-CN.json'
import portalEn from '../portal/locales/en.json'

const SRC = fileURLToPath(new URL('..', import.meta.url))
const api = JSON.parse(readFileSync(new URL('../api/openapi.json', import.meta.url), 'utf8')) as { components: { schemas: Record<string, { enum?: (string | null)[] }> } }
const values = (schema: string): string[] => (api.components.schemas[schema]?.enum ?? []).filter((v): v is string => v !== null)

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : [path]
  })
}

function has(messages: unknown, key: string): boolean {
  let node = messages
  for (const part of key.split('.')) {
    if (typeof node !== 'object' || node === null || !(part in node)) return false
    node = (node as Record<string, unknown>)[part]
  }
  return typeof node === 'string'
}

/** The citizen portal (src/portal) is a separate entry with messages of its own (src/portal/locales). */
const PORTAL = join(SRC, 'portal')

/** Every literal key the sources pass to t('…') (keys built at run time are checked by their own tests). */
function keysUsed(sources: string[], pattern = /\bt\('([a-zA-Z]+(?:\.[a-zA-Z0-9_]+)+)'/g): string[] {
  return [
    ...new Set(
      sources
        .filter((f) => /\.(vue|ts)$/.test(f) && !f.endsWith('.test.ts'))
        .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(pattern)].map((m) => m[1]!)),
    ),
  ].sort()
}

const used = keysUsed(files(SRC).filter((f) => !f.startsWith(PORTAL)))
// Every portal message key is written whole in its sources (in t('…') or a route's title), under 'portal.'.
const usedByPortal = keysUsed(files(PORTAL), /'(portal(?:\.[a-zA-Z0-9_]+)+)'/g)

describe('locale keys', () => {
  it('finds the keys the screens use, and the enums of the API', () => {
    expect(used).toContain('knowledge.use')
    expect(values('KnowledgeAction')).toContain('approved')
  })

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('has every key the screens use in %s', (_, messages) => {
    expect(used.filter((k) => !has(messages, k))).toEqual([])
  })

  it.each([
    ['zh-CN', portalZhCN],
    ['en', portalEn],
  ])('has every key the citizen portal uses in %s', (_, messages) => {
    expect(usedByPortal).toContain('portal.home.title')
    expect(usedByPortal.filter((k) => !has(messages, k))).toEqual([])
  })

  it.each([
    ['zh-CN', zhCN],
    ['en', en],
  ])('names every knowledge kind, status, tab, step and timeline entry in %s', (_, messages) => {
    const keys = [
      // The API's enums, so that a value the server adds is named before a screen shows it.
      ...values('KnowledgeKind').map((k) => `knowledge.kinds.${k}`),
      ...values('KnowledgeStatus').map((s) => `knowledge.status.${s}`),
      ...values('KnowledgeAction').map((a) => `knowledge.actions.${a}`),
      ...values('ErrorReportOutcome').map((o) => `knowledge.outcomes.${o}`),
      ...['inReview', 'draft', 'published', 'expired', 'withdrawn', 'errorReports', 'expiryWarnings'].map((s) => `knowledge.tabs.${s}`),
      ...['submit', 'recall', 'approve', 'reject', 'withdraw'].flatMap((s) => ['title', 'hint', 'done'].map((p) => `knowledge.steps.${s}.${p}`)),
      ...['kind', 'title', 'body', 'category', 'regionCodes', 'keywords', 'isCitizenVisible', 'effectiveFrom', 'expiresAt', 'periodStart', 'periodEnd'].map((f) => `knowledge.fields.${f}`),
    ]
    expect(keys.filter((k) => !has(messages, k))).toEqual([])
  })
})
