import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Unit } from '@/api/client'
import { unitsApi } from '@/api/organisation'
import { buildUnitTree } from '@/features/units/unitTree'

/** The unit tree as the signed-in person may see it, shared by the unit editor and every unit picker. */
export const useUnitsStore = defineStore('units', () => {
  const units = ref<Unit[]>([])
  const includeInactive = ref(false)
  const loading = ref(false)
  let loaded: Promise<void> | null = null

  const byId = computed(() => new Map(units.value.map((u) => [u.id, u])))
  const tree = computed(() => buildUnitTree(units.value))
  const activeTree = computed(() => buildUnitTree(units.value.filter((u) => u.isActive)))

  async function reload(): Promise<void> {
    loading.value = true
    try {
      units.value = await unitsApi.list(includeInactive.value)
    } finally {
      loading.value = false
    }
  }

  /** Loads once; later calls reuse the list until {@link reload}. */
  function ensure(): Promise<void> {
    loaded ??= reload().catch((e) => {
      loaded = null
      throw e
    })
    return loaded
  }

  /** Puts a saved unit into the list without a round trip (its subtree's paths change only on a move; reload then). */
  function put(unit: Unit): void {
    const index = units.value.findIndex((u) => u.id === unit.id)
    if (index >= 0) units.value.splice(index, 1, unit)
    else units.value.push(unit)
    units.value.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
  }

  return { units, includeInactive, loading, byId, tree, activeTree, reload, ensure, put }
})
