import { describe, expect, it } from 'vitest'
import { flattenTree, pickerCandidates, type PickerNode } from './treePickerKeys'

const tree: PickerNode[] = [
  { value: '01', label: 'build', children: [{ value: '0101', label: 'noise from building' }, { value: '0102', label: 'quality' }] },
  { value: '02', label: 'environment', children: [{ value: '0201', label: 'noise' }] },
]
const byLabel = (q: string, n: PickerNode) => n.label.includes(q)

describe('tree picker keys', () => {
  it('walks the tree parents first, in the order shown', () => {
    expect(flattenTree(tree).map((n) => n.value)).toEqual(['01', '0101', '0102', '02', '0201'])
  })

  it('walks only the nodes that answer what was typed', () => {
    expect(pickerCandidates(tree, 'noise', byLabel, ['0102']).map((n) => n.value)).toEqual(['0101', '0201'])
  })

  it('offers the suggested nodes first while nothing is typed, each once', () => {
    expect(pickerCandidates(tree, '', byLabel, ['0201', 'gone']).map((n) => n.value)).toEqual(['0201', '01', '0101', '0102', '02'])
  })
})
