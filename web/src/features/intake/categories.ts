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

/** The category and its ancestors, nearest first. */
function lineage(byCode: ReadonlyMap<string, Category>, category: Category): Category[] {
  const list: Category[] = []
  for (let c: Category | undefined = category; c; c = c.parentCode ? byCode.get(c.parentCode) : undefined) list.push(c)
  return list
}

// Pinyin initials without a dictionary: the browser's pinyin collation (ICU, zh-CN-u-co-pinyin) sorts a character
// between the first characters of its initial and the next one (吖 八 嚓 … 帀, written as escapes: the workbench's sources
// hold no Chinese text outside the locale files). Letters I, U and V begin no syllable. Heteronyms get one reading.
const INITIALS = 'abcdefghjklmnopqrstwxyz'
const FIRSTS = '\u5416\u516b\u5693\u5491\u59b8\u53d1\u65ee\u94ea\u8ba5\u5494\u5783\u5988\u62cf\u5662\u5991\u4e03\u5465\u4ee8\u4ed6\u5c72\u5915\u4e2b\u5e00'
const pinyin = new Intl.Collator('zh-CN-u-co-pinyin')
const initialCache = new Map<string, string>()

/** "施工扰民" → "sgrm"; other characters are kept, lower-cased. */
export function pinyinInitials(text: string): string {
  let out = ''
  for (const ch of text) {
    if (!/[\u4e00-\u9fff]/.test(ch)) {
      out += ch.toLowerCase()
      continue
    }
    let initial = initialCache.get(ch)
    if (initial === undefined) {
      initial = ''
      for (let i = 0; i < FIRSTS.length && pinyin.compare(ch, FIRSTS[i]!) >= 0; i++) initial = INITIALS[i]!
      initialCache.set(ch, initial)
    }
    out += initial
  }
  return out
}

/**
 * Whether a category matches a search: by code prefix ("0101"); by name or synonym — its own or an ancestor's, so that
 * typing "物业" finds every category under 物业管理 and "噪音" finds 噪声; or by the pinyin initials of those names
 * ("sgrm" finds 施工扰民). Spaces are ignored.
 */
export function categoryMatches(byCode: ReadonlyMap<string, Category>, category: Category, query: string): boolean {
  const q = query.replace(/\s+/g, '').toLowerCase()
  if (!q) return true
  if (/^\d+$/.test(q)) return category.code.startsWith(q)
  const line = lineage(byCode, category)
  if ((categoryPath(byCode, category.code) ?? category.name).toLowerCase().includes(q)) return true
  if (line.some((c) => c.synonyms.some((s) => s.toLowerCase().includes(q)))) return true
  return /^[a-z]+$/.test(q) && line.some((c) => pinyinInitials(c.name).includes(q))
}

/**
 * The categories the description already names (issue 14, item 4): those whose name or a synonym appears in the text,
 * the longer and the more words found the better, a deeper category before its parent; active categories only.
 */
export function categoriesInText(categories: readonly Category[], text: string, limit = 5): string[] {
  const body = text.replace(/\s+/g, '')
  if (body.length < 2) return []
  const scored: { code: string; score: number; level: number }[] = []
  for (const c of categories) {
    if (!c.isActive) continue
    const score = [c.name, ...c.synonyms].filter((w) => w.length >= 2 && body.includes(w)).reduce((sum, w) => sum + w.length, 0)
    if (score > 0) scored.push({ code: c.code, score, level: c.level })
  }
  scored.sort((a, b) => b.score - a.score || b.level - a.level || (a.code < b.code ? -1 : 1))
  return scored.slice(0, limit).map((s) => s.code)
}
