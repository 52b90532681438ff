import { buildRegionTree, type RegionNode } from '@/features/intake/regions'
import { citizenApi } from './api'

/** A choice in a Vant cascader: a leaf has no children (an empty list would open an empty tab). */
export interface CascaderOption {
  text: string
  value: string
  children?: CascaderOption[]
}

/** The places a citizen chooses from (city → district → street), as cascader options, and each code's name. */
export async function loadRegions(): Promise<{ options: CascaderOption[]; names: Map<string, string> }> {
  const units = await citizenApi.regions()
  const names = new Map<string, string>()
  const convert = (nodes: RegionNode[]): CascaderOption[] =>
    nodes.map((n) => {
      names.set(n.value, n.label)
      return n.children.length ? { text: n.label, value: n.value, children: convert(n.children) } : { text: n.label, value: n.value }
    })
  const options = convert(buildRegionTree(units.map((u) => ({ name: u.name, kind: u.kind, regionCode: u.regionCode }))))
  return { options, names }
}
