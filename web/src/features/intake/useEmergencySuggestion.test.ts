import { describe, expect, it } from 'vitest'
import { nextTick, reactive } from 'vue'
import type { Category } from '@/api/client'
import { emptyDraft } from './draft'
import { isEmergencyCategory, useEmergencySuggestion } from './useEmergencySuggestion'

const category = (code: string, isEmergency = false): Category =>
  ({ code, name: code, parentCode: code.length > 2 ? code.slice(0, -2) : null, level: code.length / 2, isActive: true, synonyms: [], version: 1, isEmergency }) as Category
const byCode = new Map([category('13', true), category('1301'), category('01'), category('0101')].map((c) => [c.code, c]))

describe('the urgency suggested by an emergency category', () => {
  it('knows the emergency branch by the category or a parent', () => {
    expect(isEmergencyCategory(byCode, '1301')).toBe(true)
    expect(isEmergencyCategory(byCode, '0101')).toBe(false)
    expect(isEmergencyCategory(byCode, null)).toBe(false)
  })

  it('suggests emergency, follows the category back while untouched, and leaves the agent\'s own choice alone', async () => {
    const draft = reactive(emptyDraft())
    const { suggested } = useEmergencySuggestion(draft, () => byCode)
    draft.categoryCode = '1301'
    await nextTick()
    await nextTick()
    expect([draft.urgency, suggested.value]).toEqual(['emergency', true])

    draft.categoryCode = '0101'
    await nextTick()
    await nextTick()
    expect([draft.urgency, suggested.value]).toEqual(['normal', false])

    draft.categoryCode = '1301'
    await nextTick()
    await nextTick()
    draft.urgency = 'normal'
    await nextTick()
    expect(suggested.value).toBe(false)
    draft.categoryCode = '13'
    await nextTick()
    await nextTick()
    expect(draft.urgency).toBe('normal')

    // The next call starts afresh.
    Object.assign(draft, emptyDraft())
    await nextTick()
    draft.categoryCode = '1301'
    await nextTick()
    await nextTick()
    expect([draft.urgency, suggested.value]).toEqual(['emergency', true])
  })
})
