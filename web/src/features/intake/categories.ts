import type { Category } from '@/api/client'

export interface CategoryNode {
  value: string
  label: string
  category: Category
  children: CategoryNode[]
}

/** The flat category list (codes of two digits per level) as a tree, in code order. */
export function buildCategoryTree(categories: readonly Category[]): CategoryNode[] {
  const sorted = [...categories].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const nodes = new Map<string, CategoryNode>()
  const roots: CategoryNode[] = []
  for (const category of sorted) {
    const node: CategoryNode = { value: category.code, label: category.name, category, children: [] }
    nodes.set(category.code, node)
    const parent = category.parentCode ? nodes.get(category.parentCode) : undefined
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** "城乡建设 / 物业管理 / 物业收费"; undefined when the code is unknown. */
export function categoryPath(byCode: ReadonlyMap<string, Category>, code: string): string | undefined {
  const names: string[] = []
  for (let c = byCode.get(code); c; c = c.parentCode ? byCode.get(c.parentCode) : undefined) names.unshift(c.name)
  return names.length ? names.join(' / ') : undefined
}

/**
 * Whether a category matches a search: by code prefix ("0101"), or by name — its own or an ancestor's, so that typing
 * "物业" finds every category under 物业管理. Spaces are ignored.
 */
export function categoryMatches(byCode: ReadonlyMap<string, Category>, category: Category, query: string): boolean {
  const q = query.replace(/\s+/g, '').toLowerCase()
  if (!q) return true
  if (/^\d+$/.test(q)) return category.code.startsWith(q)
  return (categoryPath(byCode, category.code) ?? category.name).toLowerCase().includes(q)
}
