import { describe, expect, it } from 'vitest'
import type { Category } from '@/api/client'
import { buildCategoryTree, categoryMatches, categoryPath } from './categories'

const c = (code: string, name: string, isActive = true): Category => ({
  code,
  name,
  parentCode: code.length > 2 ? code.slice(0, -2) : null,
  level: code.length / 2,
  isActive,
  version: 1,
})
const list = [c('0101', '物业管理'), c('01', '城乡建设'), c('010102', '物业收费'), c('02', '生态环境'), c('0201', '噪声污染')]
const byCode = new Map(list.map((x) => [x.code, x]))

describe('category tree', () => {
  it('nests categories by code whatever order they come in', () => {
    const tree = buildCategoryTree(list)
    expect(tree.map((n) => n.value)).toEqual(['01', '02'])
    expect(tree[0]!.children[0]!.children[0]!.label).toBe('物业收费')
  })

  it('names a category by its path', () => {
    expect(categoryPath(byCode, '010102')).toBe('城乡建设 / 物业管理 / 物业收费')
    expect(categoryPath(byCode, '99')).toBeUndefined()
  })

  it('finds a category by its code prefix, its name, or a parent name', () => {
    expect(categoryMatches(byCode, byCode.get('010102')!, '0101')).toBe(true)
    expect(categoryMatches(byCode, byCode.get('010102')!, '收费')).toBe(true)
    expect(categoryMatches(byCode, byCode.get('010102')!, '物业')).toBe(true)
    expect(categoryMatches(byCode, byCode.get('0201')!, '物业')).toBe(false)
    expect(categoryMatches(byCode, byCode.get('0201')!, '02')).toBe(true)
  })
})
