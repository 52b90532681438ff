import { computed, nextTick, ref } from 'vue'
import type { IntakeDraft } from './draft'

/**
 * "Same caller, another request" (issue 14, item 9): remembers the caller of the last registration and, while the
 * new form's caller is still empty, puts it back and moves on to the request type.
 */
export function useSameCaller(draft: IntakeDraft) {
  const last = ref<IntakeDraft['caller'] | null>(null)
  const canTake = computed(() => !!last.value && !draft.caller.phone && !draft.caller.name && !draft.caller.isAnonymous)

  function remember(): void {
    last.value = { ...draft.caller }
  }

  function take(): void {
    if (!last.value) return
    Object.assign(draft.caller, last.value)
    void nextTick(() => document.querySelector<HTMLElement>('.intake [data-test="intake-request-type"] input')?.focus())
  }

  return { canTake, remember, take }
}
