import { describe, expect, it } from 'vitest'
import type { Unit } from '@/api/client'
import { buildUnitTree, subtreeIds, unitMatches, unitOptionMatches, unitOptions } from './unitTree'
import { likelyChildKind, newDraft } from './unitDraft'

let id = 0
function unit(code: string, name: string, parent?: Unit): Unit {
  id++
  return {
    id,
    code,
    name,
    kind: parent ? 'department' : 'city',
    parentId: parent?.id ?? null,
    path: `${parent?.path ?? '/'}${code}/`,
    depth: parent ? parent.depth + 1 : 0,
    regionCode: null,
    isActive: true,
    liaisons: [],
    version: 1,
  }
}

const city = unit('AL', '安澜市')
const district = unit('AL-DC', '东城区', city)
const street = unit('AL-DC-DH', '东华街道', district)
const other = unit('AL-XC', '西城区', city)

describe('unit tree', () => {
  it('nests units under their parents in path order', () => {
    const [root] = buildUnitTree([city, district, street, other])
    expect(root!.label).toBe('安澜市')
    expect(root!.children.map((c) => c.label)).toEqual(['东城区', '西城区'])
    expect(root!.children[0]!.children[0]!.unit.code).toBe('AL-DC-DH')
  })

  it('makes a unit whose parent is out of sight a root', () => {
    expect(buildUnitTree([district, street]).map((n) => n.unit.code)).toEqual(['AL-DC'])
  })

  it('finds units by name or code, ignoring case and spaces', () => {
    expect(unitMatches(street, '东华')).toBe(true)
    expect(unitMatches(street, 'al-dc-dh')).toBe(true)
    expect(unitMatches(street, '东 华 街')).toBe(true)
    expect(unitMatches(other, '东华')).toBe(false)
  })

  it('offers the tree to a tree select, with the barred units disabled and the search by unit', () => {
    const [root] = unitOptions(buildUnitTree([city, district, street, other]), (u) => u.code === 'AL-DC')
    expect(root).toMatchObject({ value: city.id, label: '安澜市', unit: city, disabled: false })
    expect(root!.children.map((c) => [c.label, c.disabled])).toEqual([['东城区', true], ['西城区', false]])
    expect(root!.children[0]!.children[0]).toMatchObject({ value: street.id, disabled: false, children: [] })
    expect(unitOptionMatches('al-dc-dh', root!.children[0]!.children[0]!)).toBe(true)
    expect(unitOptionMatches('东华', root!.children[1]!)).toBe(false)
    expect(unitOptionMatches('东华', {})).toBe(false)
  })

  it('knows which units lie below a unit (where it cannot be moved)', () => {
    expect([...subtreeIds([city, district, street, other], district.id)].sort()).toEqual([district.id, street.id].sort())
  })

  it('proposes a sub-unit code and kind from the parent', () => {
    expect(newDraft(district)).toMatchObject({ code: 'AL-DC-', parentId: district.id })
    expect(likelyChildKind('city')).toBe('district')
    expect(likelyChildKind(undefined)).toBe('city')
  })
})
