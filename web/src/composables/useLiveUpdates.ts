import { onBeforeUnmount, onMounted } from 'vue'
import { useLiveStore, type WorkOrderChanged } from '@/stores/live'

/**
 * Calls `refresh` when a work order this screen may show changes (and once after a reconnection), at most once per
 * `delayMs`: a burst of changes causes one reload, not one per message.
 */
export function useLiveUpdates(refresh: (messages: WorkOrderChanged[]) => void, options: { delayMs?: number; accept?: (m: WorkOrderChanged) => boolean } = {}): void {
  const live = useLiveStore()
  const delay = options.delayMs ?? 300
  let pending: WorkOrderChanged[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let unsubscribe: (() => void) | undefined

  onMounted(() => {
    unsubscribe = live.subscribe((message) => {
      if (message.action !== 'reconnected' && options.accept && !options.accept(message)) return
      pending.push(message)
      if (timer) return
      timer = setTimeout(() => {
        timer = undefined
        const batch = pending
        pending = []
        refresh(batch)
      }, delay)
    })
  })
  onBeforeUnmount(() => {
    unsubscribe?.()
    clearTimeout(timer)
  })
}
