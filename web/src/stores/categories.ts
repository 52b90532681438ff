import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import type { Category } from '@/api/client'
import { categoriesApi } from '@/api/dispatch'
import { buildCategoryTree, categoryPath } from '@/features/intake/categories'

/** The business-category tree (S3), loaded once per session; the intake form, queues and catalogue read it. */
export const useCategoriesStore = defineStore('categories', () => {
  const all = ref<Category[]>([])
  let loaded: Promise<void> | null = null

  const byCode = computed(() => new Map(all.value.map((c) => [c.code, c])))
  const activeTree = computed(() => buildCategoryTree(all.value.filter((c) => c.isActive)))
  const tree = computed(() => buildCategoryTree(all.value))

  async function reload(): Promise<void> {
    all.value = await categoriesApi.list()
  }

  function ensure(): Promise<void> {
    loaded ??= reload().catch((e) => {
      loaded = null
      throw e
    })
    return loaded
  }

  /** "城乡建设 / 物业管理 / 物业收费" for a code; the code itself while the tree is not loaded. */
  function pathName(code: string | null | undefined): string {
    if (!code) return ''
    return categoryPath(byCode.value, code) ?? code
  }

  function put(category: Category): void {
    const i = all.value.findIndex((c) => c.code === category.code)
    if (i >= 0) all.value.splice(i, 1, category)
    else all.value.push(category)
    all.value.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  }

  return { all, byCode, tree, activeTree, ensure, reload, pathName, put }
})
