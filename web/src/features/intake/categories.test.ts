import { describe, expect, it } from 'vitest'
import type { Category } from '@/api/client'
import { buildCategoryTree, categoriesInText, categoryMatches, categoryPath, pinyinInitials } from './categories'

const c = (code: string, name: string, isActive = true, synonyms: string[] = []): Category => ({
  code,
  name,
  parentCode: code.length > 2 ? code.slice(0, -2) : null,
  level: code.length / 2,
  isActive,
  synonyms,
  version: 1,
  isEmergency: false,
})
const list = [
  c('0101', '物业管理'),
  c('01', '城乡建设', true, ['住建']),
  c('010102', '物业收费'),
  c('02', '生态环境'),
  c('0201', '噪声污染', true, ['噪音', '扰民']),
  c('0105', '建筑施工'),
  c('010501', '施工扰民', true, ['工地噪音', '工地']),
  c('0202', '大气污染', false, ['施工扬尘']),
]
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

  it('finds a category by its synonyms or an ancestor synonyms, and by pinyin initials', () => {
    expect(categoryMatches(byCode, byCode.get('0201')!, '噪音')).toBe(true)
    expect(categoryMatches(byCode, byCode.get('010102')!, '住建')).toBe(true)
    expect(categoryMatches(byCode, byCode.get('0201')!, '住建')).toBe(false)
    expect(categoryMatches(byCode, byCode.get('010501')!, 'sgrm')).toBe(true)
    expect(categoryMatches(byCode, byCode.get('010102')!, 'sgrm')).toBe(false)
    expect(categoryMatches(byCode, byCode.get('010102')!, 'WYSF')).toBe(true)
  })

  it('derives pinyin initials from the pinyin collation', () => {
    expect(pinyinInitials('施工扰民')).toBe('sgrm')
    expect(pinyinInitials('住房和城乡建设')).toBe('zfhcxjs')
    expect(pinyinInitials('燃气泄漏')).toBe('rqxl')
    expect(pinyinInitials('绿化 A1')).toBe('lh a1')
  })

  it('proposes the active categories the description names, the best first', () => {
    expect(categoriesInText(list, '小区门口的工地夜里施工，噪音很大，严重扰民')).toEqual(['0201', '010501'])
    expect(categoriesInText(list, '施工扬尘')).toEqual([])
    expect(categoriesInText(list, '')).toEqual([])
  })
})
