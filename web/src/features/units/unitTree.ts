import type { Unit } from '@/api/client'

export interface UnitNode {
  id: number
  label: string
  unit: Unit
  children: UnitNode[]
}

/**
 * The flat unit list (ordered by path) as a tree. A unit whose parent is not in the list (the top of a unit user's
 * scope, or under an inactive parent that was left out) becomes a root.
 */
export function buildUnitTree(units: readonly Unit[]): UnitNode[] {
  const nodes = new Map<number, UnitNode>()
  for (const unit of units) nodes.set(unit.id, { id: unit.id, label: unit.name, unit, children: [] })
  const roots: UnitNode[] = []
  for (const unit of units) {
    const node = nodes.get(unit.id)!
    const parent = unit.parentId === null ? undefined : nodes.get(unit.parentId)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** Whether a unit matches what was typed in a unit search: its name or code, ignoring case and spaces. */
export function unitMatches(unit: Unit, query: string): boolean {
  const q = query.replace(/\s+/g, '').toLowerCase()
  if (!q) return true
  return unit.name.replace(/\s+/g, '').toLowerCase().includes(q) || unit.code.toLowerCase().includes(q)
}

/** Ids of a unit and every unit below it: the places a unit cannot be moved under. */
export function subtreeIds(units: readonly Unit[], id: number): Set<number> {
  const root = units.find((u) => u.id === id)
  if (!root) return new Set()
  return new Set(units.filter((u) => u.path.startsWith(root.path)).map((u) => u.id))
}
