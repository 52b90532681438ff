import { describe, expect, it } from 'vitest'
import zhCN from './zh-CN.json'
import en from './en.json'

const keys = (o: object, p = ''): string[] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keys(v, `${p}${k}.`) : [`${p}${k}`]))

describe('portal locales', () => {
  it('zh-CN and English have the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })

  it('names every entry of the home page', async () => {
    const { portalEntries } = await import('../entries')
    expect(portalEntries.filter((e) => !(e.key in zhCN.portal.entries) || !(e.key in en.portal.entries))).toEqual([])
    expect(new Set(portalEntries.map((e) => e.key)).size).toBe(portalEntries.length)
  })
})
