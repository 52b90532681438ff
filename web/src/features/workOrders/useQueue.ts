import { ref, watch, type Ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { WorkOrder, WorkOrderSummary } from '@/api/client'
import { workOrdersApi, type WorkOrderQuery } from '@/api/workOrders'
import { describeError } from '@/api/describe'
import { useLiveUpdates } from '@/composables/useLiveUpdates'
import type { WorkOrderChanged } from '@/stores/live'

/**
 * A queue of work orders: loads a page for the current query, keeps one order selected (the next one after the selected
 * order leaves the queue), and refreshes itself when the live channel says an order changed — without a reload of the page.
 */
export interface QueueOptions {
  accept?: (m: WorkOrderChanged) => boolean
  autoSelect?: boolean
  /** Where the page comes from (the list by default; the work-order search finds text through the index, ranked). */
  fetch?: (query: WorkOrderQuery) => Promise<{ items: WorkOrderSummary[]; total: number }>
}

export function useQueue(query: Ref<WorkOrderQuery>, options: QueueOptions = {}) {
  const { t, te } = useI18n()
  const rows = ref<WorkOrderSummary[]>([])
  const total = ref(0)
  const page = ref(1)
  const pageSize = ref(50)
  const loading = ref(false)
  const error = ref<string | null>(null)
  const selectedId = ref<number | null>(null)
  let generation = 0

  async function load(): Promise<void> {
    const mine = ++generation
    loading.value = true
    try {
      const result = await (options.fetch ?? workOrdersApi.list)({ ...query.value, page: page.value, pageSize: pageSize.value })
      if (mine !== generation) return
      const index = rows.value.findIndex((r) => r.id === selectedId.value)
      rows.value = result.items
      total.value = result.total
      error.value = null
      if (options.autoSelect !== false && selectedId.value === null) {
        // The queue opens on its first (most urgent) order.
        selectedId.value = result.items[0]?.id ?? null
      } else if (selectedId.value !== null && !result.items.some((r) => r.id === selectedId.value)) {
        // The selected order left this queue (dispatched, signed, …): move on to the one that took its place.
        selectedId.value = result.items[Math.min(Math.max(index, 0), result.items.length - 1)]?.id ?? null
      }
    } catch (e) {
      if (mine === generation) error.value = describeError(e, { t, te })
    } finally {
      if (mine === generation) loading.value = false
    }
  }

  function select(row: WorkOrderSummary | null): void {
    selectedId.value = row?.id ?? null
  }

  /** Keyboard: the next or previous row of the queue. */
  function move(step: 1 | -1): void {
    if (!rows.value.length) return
    const index = rows.value.findIndex((r) => r.id === selectedId.value)
    const next = index < 0 ? 0 : Math.min(Math.max(index + step, 0), rows.value.length - 1)
    selectedId.value = rows.value[next]!.id
  }

  /** An order changed in the panel beside the queue: show its new state in the row at once, then reload the queue. */
  function changed(order: WorkOrder): void {
    const row = rows.value.find((r) => r.id === order.id)
    if (row) Object.assign(row, { status: order.status, light: order.light, version: order.version })
    void load()
  }

  watch(
    query,
    () => {
      page.value = 1
      void load()
    },
    { deep: true, immediate: true },
  )
  useLiveUpdates(() => void load(), { accept: options.accept })

  return { rows, total, page, pageSize, loading, error, selectedId, load, select, move, changed }
}
