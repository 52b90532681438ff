import { onBeforeUnmount, onMounted, ref } from 'vue'

/** The current time, refreshed every `everyMs`, for countdowns that must move while the screen stays open. */
export function useNow(everyMs = 30_000) {
  const now = ref(Date.now())
  let timer: ReturnType<typeof setInterval> | undefined
  onMounted(() => (timer = setInterval(() => (now.value = Date.now()), everyMs)))
  onBeforeUnmount(() => clearInterval(timer))
  return now
}
