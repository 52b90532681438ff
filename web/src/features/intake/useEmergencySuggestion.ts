import { ref, watch } from 'vue'
import type { Category } from '@/api/client'
import type { IntakeDraft } from './draft'

/** Whether a category belongs to the emergency branch (应急事件): it or one of its parents is marked so. */
export function isEmergencyCategory(byCode: ReadonlyMap<string, Category>, code: string | null): boolean {
  for (let c = code ? byCode.get(code) : undefined; c; c = c.parentCode ? byCode.get(c.parentCode) : undefined) if (c.isEmergency) return true
  return false
}

/**
 * Issue 15 (S3/S4): picking an emergency category suggests the emergency urgency, said by a hint. The agent has the last
 * word: once they set the urgency themselves after a suggestion, no category changes it again during this call; a
 * suggestion nobody touched follows the category back when a non-emergency one is picked. A new call (the category
 * emptied) starts afresh.
 */
export function useEmergencySuggestion(draft: IntakeDraft, byCode: () => ReadonlyMap<string, Category>) {
  const suggested = ref(false)
  let declined = false
  /** The urgency this composable just set, so that its own change is not taken for the agent's. */
  let ours: IntakeDraft['urgency'] | null = null

  function set(urgency: IntakeDraft['urgency'], suggesting: boolean): void {
    ours = urgency
    draft.urgency = urgency
    suggested.value = suggesting
  }

  watch(
    () => [draft.categoryCode, draft.urgency] as const,
    ([code, urgency], [oldCode, oldUrgency]) => {
      if (urgency !== oldUrgency) {
        const mine = ours === urgency
        ours = null
        if (!mine) {
          if (suggested.value) declined = true
          suggested.value = false
        }
      }
      if (!code) {
        suggested.value = declined = false
        return
      }
      // Only picking a category suggests: a draft restored with the agent's own urgency keeps it.
      if (code === oldCode || declined) return
      const emergency = isEmergencyCategory(byCode(), code)
      if (emergency && draft.urgency === 'normal') set('emergency', true)
      else if (!emergency && suggested.value) set('normal', false)
    },
  )

  return { suggested }
}
