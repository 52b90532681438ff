import type { UnitKind } from '@/api/client'

/** What the region tree needs of a unit. */
export interface RegionUnit {
  name: string
  kind: UnitKind
  regionCode: string | null
}

export interface RegionNode {
  value: string
  label: string
  children: RegionNode[]
}

/** Territorial units name the region they govern; departments and companies only share their area's code. */
const TERRITORIAL: readonly UnitKind[] = ['city', 'district', 'street', 'community']

/**
 * The suffixes that name a territorial unit's government rather than its place: 人民政府, 办事处, 居民委员会, 村民委员会,
 * 委员会 (written as escapes: the workbench's sources hold no Chinese text outside the locale files).
 */
const GOVERNMENT_SUFFIX = /(\u4eba\u6c11\u653f\u5e9c|\u529e\u4e8b\u5904|\u5c45\u6c11\u59d4\u5458\u4f1a|\u6751\u6c11\u59d4\u5458\u4f1a|\u59d4\u5458\u4f1a)$/

/** "东华街道办事处" → "东华街道", "东城区人民政府" → "东城区", "青山村村民委员会" → "青山村". */
export function regionName(unitName: string): string {
  return unitName.replace(GOVERNMENT_SUFFIX, '') || unitName
}

/** Region code → place name, from the territorial units (the first one listed wins). */
export function regionNames(units: readonly RegionUnit[]): Map<string, string> {
  const names = new Map<string, string>()
  for (const kind of TERRITORIAL) {
    for (const u of units) {
      if (u.kind === kind && u.regionCode && !names.has(u.regionCode)) names.set(u.regionCode, regionName(u.name))
    }
  }
  return names
}

/** A division code without the trailing zeros that mark a higher level: 990100 → 9901, 990102001 → 990102001. */
function significant(code: string): string {
  return code.replace(/0+$/, '')
}

/**
 * The administrative divisions the platform's territorial units cover, nested by code: a code sits under the known code
 * with the longest significant part that it starts with (990102001 under 990102, 990102 under 990100).
 */
export function buildRegionTree(units: readonly RegionUnit[]): RegionNode[] {
  const names = regionNames(units)
  const codes = [...names.keys()].sort((a, b) => a.length - b.length || (a < b ? -1 : 1))
  const nodes = new Map<string, RegionNode>()
  const roots: RegionNode[] = []
  for (const code of codes) {
    const node: RegionNode = { value: code, label: names.get(code)!, children: [] }
    let parent: string | undefined
    for (const candidate of nodes.keys()) {
      if (candidate !== code && code.startsWith(significant(candidate)) && (!parent || significant(candidate).length > significant(parent).length)) {
        parent = candidate
      }
    }
    nodes.set(code, node)
    if (parent) nodes.get(parent)!.children.push(node)
    else roots.push(node)
  }
  const sortTree = (list: RegionNode[]) => {
    list.sort((a, b) => (a.value < b.value ? -1 : 1))
    list.forEach((n) => sortTree(n.children))
  }
  sortTree(roots)
  return roots
}
