import { ref, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import { ElMessage } from 'element-plus'
import 'element-plus/es/components/message/style/css'
import { describeError, type Translator } from '@/api/describe'

export interface LoaderOptions {
  /** How a failure reads in the reader's language (describeSmartError on the smart-dispatch screens). */
  describe?: (error: unknown, translator: Translator) => string
  /** Shows a failure as a passing message instead of in `error` (for screens without a place for it). */
  toast?: boolean
}

/**
 * A screen's data: `load()` fetches it with `loading` on; what a failure says goes to `error` for the screen to show
 * (the next success clears it), or with `toast` to a message. `fail(error)` reports another action's failure the same way.
 * Loads may overlap (a filter changed while the first page was still coming): only the latest one counts. `fetch` gets
 * `current()`, false once a later load has started, and stores what it fetched only while it is true, so a slow
 * earlier answer never overwrites the later one on screen; the loading flag and errors follow the latest load too.
 */
export function useLoader(fetch: (current: () => boolean) => Promise<unknown>, options: LoaderOptions = {}) {
  const { t, te } = useI18n()
  const loading = ref(false)
  const error = ref<string | null>(null)

  function fail(failure: unknown): void {
    const text = (options.describe ?? describeError)(failure, { t, te })
    if (options.toast) ElMessage.error(text)
    else error.value = text
  }

  let latest = 0

  async function load(): Promise<void> {
    const mine = ++latest
    const current = () => mine === latest
    loading.value = true
    try {
      await fetch(current)
      if (current()) error.value = null
    } catch (failure) {
      if (current()) fail(failure)
    } finally {
      if (current()) loading.value = false
    }
  }

  return { loading, error, load, fail }
}

/**
 * The usual `fetch` of a loader: reads one answer and stores it in `target` while its load is still the latest, so an
 * earlier, slower answer (the hot-spot list of the period chosen before, a reload from before a push) never replaces it.
 */
export function loadInto<T>(target: Ref<T>, read: () => Promise<T>): (current: () => boolean) => Promise<void> {
  return async (current) => {
    const value = await read()
    if (current()) target.value = value
  }
}

