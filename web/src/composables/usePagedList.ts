import { ref, type Ref } from 'vue'
import { useLoader, type LoaderOptions } from './useLoader'

/** One page of a list as the server answers it (`Paged<T>`). */
export interface Page<T> {
  items: T[]
  total: number
}

/**
 * A paged list screen's data: `rows` and `total` of the current `page`, fetched by `load()` with useLoader's `loading`
 * and `error`. The screen binds `page` to its pager (ListPager) and calls `load` when it changes.
 */
export function usePagedList<T>(fetch: (page: number, pageSize: number) => Promise<Page<T>>, pageSize = 50, options: LoaderOptions = {}) {
  const rows = ref([]) as Ref<T[]>
  const total = ref(0)
  const page = ref(1)
  const size = ref(pageSize)
  const loader = useLoader(async (current) => {
    const result = await fetch(page.value, size.value)
    if (!current()) return
    rows.value = result.items
    total.value = result.total
  }, options)
  return { rows, total, page, pageSize: size, ...loader }
}
