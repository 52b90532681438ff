import type { Unit } from '@/api/client'

/** What a tree needs of a unit: the full record (administration) or a directory entry (pickers) both have it. */
export interface TreeUnit {
  id: number
  code: string
  name: string
  parentId: number | null
  path: string
}

export interface UnitNode<U extends TreeUnit = Unit> {
  id: number
  label: string
  unit: U
  children: UnitNode<U>[]
}

/**
 * The flat unit list (ordered by path) as a tree. A unit whose parent is not in the list (the top of a unit user's
 * scope, or under an inactive parent that was left out) becomes a root.
 */
export function buildUnitTree<U extends TreeUnit>(units: readonly U[]): UnitNode<U>[] {
  const nodes = new Map<number, UnitNode<U>>()
  for (const unit of units) nodes.set(unit.id, { id: unit.id, label: unit.name, unit, children: [] })
  const roots: UnitNode<U>[] = []
  for (const unit of units) {
    const node = nodes.get(unit.id)!
    const parent = unit.parentId === null ? undefined : nodes.get(unit.parentId)
    if (parent) parent.children.push(node)
    else roots.push(node)
  }
  return roots
}

/** Whether a unit matches what was typed in a unit search: its name or code, ignoring case and spaces. */
export function unitMatches(unit: Pick<TreeUnit, 'name' | 'code'>, query: string): boolean {
  const q = query.replace(/\s+/g, '').toLowerCase()
  if (!q) return true
  return unit.name.replace(/\s+/g, '').toLowerCase().includes(q) || unit.code.toLowerCase().includes(q)
}

/** A unit tree as a tree select's options: the unit goes along for the search, and a unit may be barred from choice. */
export interface UnitOption<U extends TreeUnit = Unit> {
  value: number
  label: string
  unit: U
  disabled: boolean
  children: UnitOption<U>[]
}

export function unitOptions<U extends TreeUnit>(nodes: readonly UnitNode<U>[], barred: (unit: U) => boolean = () => false): UnitOption<U>[] {
  return nodes.map((n) => ({ value: n.id, label: n.label, unit: n.unit, disabled: barred(n.unit), children: unitOptions(n.children, barred) }))
}

/** A tree select's search over unit options (see unitMatches). */
export function unitOptionMatches(query: string, option: { unit?: Pick<TreeUnit, 'name' | 'code'> }): boolean {
  return option.unit ? unitMatches(option.unit, query) : false
}

/** Ids of a unit and every unit below it: the places a unit cannot be moved under. */
export function subtreeIds(units: readonly Unit[], id: number): Set<number> {
  const root = units.find((u) => u.id === id)
  if (!root) return new Set()
  return new Set(units.filter((u) => u.path.startsWith(root.path)).map((u) => u.id))
}
