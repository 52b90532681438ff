import type { Unit, UnitKind } from '@/api/client'
import type { UnitDraft } from '@/api/organisation'

export const UNIT_KINDS: readonly UnitKind[] = [
  'city',
  'hotlineCentre',
  'district',
  'street',
  'community',
  'department',
  'subCentre',
  'utility',
  'countyHotlineOffice',
  'enterprise',
]

/** The kind a new unit most likely has under a parent of this kind (the administrator can change it). */
export function likelyChildKind(parent: UnitKind | undefined): UnitKind | null {
  switch (parent) {
    case undefined:
      return 'city'
    case 'city':
      return 'district'
    case 'district':
    case 'countyHotlineOffice':
      return 'street'
    case 'street':
      return 'community'
    default:
      return 'department'
  }
}

export function draftOf(unit: Unit): UnitDraft {
  return {
    code: unit.code,
    name: unit.name,
    kind: unit.kind,
    parentId: unit.parentId,
    regionCode: unit.regionCode ?? '',
    isActive: unit.isActive,
    liaisons: unit.liaisons.map((l) => ({ ...l })),
  }
}

export function newDraft(parent: Unit | undefined): UnitDraft {
  return {
    code: parent ? `${parent.code}-` : '',
    name: '',
    kind: likelyChildKind(parent?.kind),
    parentId: parent?.id ?? null,
    regionCode: parent?.regionCode ?? '',
    isActive: true,
    liaisons: [],
  }
}
