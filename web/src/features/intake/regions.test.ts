import { describe, expect, it } from 'vitest'
import { buildRegionTree, regionName, regionNames, type RegionUnit } from './regions'

const units: RegionUnit[] = [
  { name: '安澜市人民政府', kind: 'city', regionCode: '990100' },
  { name: '市住房和城乡建设局', kind: 'department', regionCode: '990100' },
  { name: '东城区人民政府', kind: 'district', regionCode: '990102' },
  { name: '东城区住房和城乡建设局', kind: 'department', regionCode: '990102' },
  { name: '东华街道办事处', kind: 'street', regionCode: '990102001' },
  { name: '东华社区居民委员会', kind: 'community', regionCode: '990102001001' },
  { name: '西城区人民政府', kind: 'district', regionCode: '990103' },
  { name: '青山镇人民政府', kind: 'street', regionCode: '990121100' },
  { name: '青山村村民委员会', kind: 'community', regionCode: '990121100201' },
  { name: '安澜县人民政府', kind: 'district', regionCode: '990121' },
  { name: '安澜燃气有限公司', kind: 'utility', regionCode: '990100' },
]

describe('region tree', () => {
  it('names a place without the word for its government', () => {
    expect(regionName('东华街道办事处')).toBe('东华街道')
    expect(regionName('东城区人民政府')).toBe('东城区')
    expect(regionName('青山村村民委员会')).toBe('青山村')
    expect(regionName('东华社区居民委员会')).toBe('东华社区')
  })

  it('takes each code name from the territorial unit, not from departments or companies sharing it', () => {
    const names = regionNames(units)
    expect(names.get('990100')).toBe('安澜市')
    expect(names.get('990102')).toBe('东城区')
  })

  it('nests divisions by code: city, district or county, street or township, community or village', () => {
    const tree = buildRegionTree(units)
    expect(tree.map((n) => n.value)).toEqual(['990100'])
    const city = tree[0]!
    expect(city.children.map((n) => n.label)).toEqual(['东城区', '西城区', '安澜县'])
    const east = city.children[0]!
    expect(east.children.map((n) => n.value)).toEqual(['990102001'])
    expect(east.children[0]!.children.map((n) => n.label)).toEqual(['东华社区'])
    const county = city.children[2]!
    expect(county.children[0]!.children[0]!.value).toBe('990121100201')
  })
})
