// How the dashboards word a change and a share: signed percentages with one decimal, "—" when there is nothing to compare with.

/** A change as a fraction (0.25) → "+25.0%"; null (nothing before) → "—". */
export function formatChange(change: number | null | undefined): string {
  if (change === null || change === undefined) return '—'
  const pct = (change * 100).toFixed(1)
  return change > 0 ? `+${pct}%` : `${pct}%`
}

/** A share as a fraction (0.125) → "12.5%". */
export function formatShare(share: number): string {
  return `${(share * 100).toFixed(1)}%`
}

/** The period of the last full calendar month before today, and today's month so far: the dashboards' default. */
export function defaultPeriod(today: Date): [string, string] {
  const first = new Date(Date.UTC(today.getFullYear(), today.getMonth() - 2, 1))
  const end = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate()))
  return [first.toISOString().slice(0, 10), end.toISOString().slice(0, 10)]
}
