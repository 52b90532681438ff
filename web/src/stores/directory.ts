import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { UnitDirectoryEntry } from '@/api/client'
import { unitsApi } from '@/api/organisation'
import { buildUnitTree } from '@/features/units/unitTree'
import { buildRegionTree, regionNames } from '@/features/intake/regions'

/**
 * Every active unit of the platform, as the work-order screens choose them (lead and co-units, a return's suggested
 * unit, a three-way call), and the region tree drawn from the units' region codes. Loaded once per session.
 */
export const useDirectoryStore = defineStore('directory', () => {
  const units = ref<UnitDirectoryEntry[]>([])
  let loaded: Promise<void> | null = null

  const byId = computed(() => new Map(units.value.map((u) => [u.id, u])))
  const tree = computed(() => buildUnitTree(units.value))
  const regions = computed(() => buildRegionTree(units.value))
  const regionNameOf = computed(() => regionNames(units.value))

  function ensure(): Promise<void> {
    loaded ??= unitsApi
      .directory()
      .then((list) => {
        units.value = list
      })
      .catch((e) => {
        loaded = null
        throw e
      })
    return loaded
  }

  /** "东华街道 (990102001)" for a region code; the bare code when no unit names it. */
  function regionLabel(code: string | null | undefined): string {
    if (!code) return ''
    const name = regionNameOf.value.get(code)
    return name ? `${name} (${code})` : code
  }

  return { units, byId, tree, regions, ensure, regionLabel }
})
