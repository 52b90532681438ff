/** What the tree picker needs of a node: the chosen value, the shown label, the branches beneath. */
export interface PickerNode {
  value: unknown
  label: string
  children?: PickerNode[]
}

/** Every node, parents before their children, in the order the tree shows them. */
export function flattenTree(nodes: readonly PickerNode[]): PickerNode[] {
  const out: PickerNode[] = []
  const walk = (list: readonly PickerNode[]) => {
    for (const node of list) {
      out.push(node)
      if (node.children?.length) walk(node.children)
    }
  }
  walk(nodes)
  return out
}

/**
 * The nodes the arrow keys walk, in order: those that answer the query when something is typed; otherwise the suggested
 * values first (as given), then the whole tree.
 */
export function pickerCandidates(
  nodes: readonly PickerNode[],
  query: string,
  matches: (query: string, node: PickerNode) => boolean,
  suggested: readonly unknown[],
): PickerNode[] {
  const all = flattenTree(nodes)
  if (query) return all.filter((n) => matches(query, n))
  const first = suggested.map((v) => all.find((n) => n.value === v)).filter((n): n is PickerNode => !!n)
  return [...first, ...all.filter((n) => !first.includes(n))]
}
