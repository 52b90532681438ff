// S14: what the score form shows while the inspector works, by the server's rules (Domain/QualityInspection/Inspection.cs):
// the score is the sum of the lines, or 0 with a fatal error; a line below its points needs a note. The server decides.

export interface LineInput {
  code: string
  name: string
  maxPoints: number
  points: number
  note: string
}

/** The score the lines add up to (0 with a fatal error), to one decimal. */
export function totalOf(lines: readonly LineInput[], fatalError: boolean): number {
  if (fatalError) return 0
  return Math.round(lines.reduce((sum, l) => sum + l.points, 0) * 10) / 10
}

/** The codes of the lines with a deduction and no note yet. */
export function missingNotes(lines: readonly LineInput[]): string[] {
  return lines.filter((l) => l.points < l.maxPoints && l.note.trim() === '').map((l) => l.code)
}

/** The checklist's lines as a form starts them: the scores already given, or full points. */
export function startLines(
  checklist: readonly { code: string; name: string; maxPoints: number }[],
  given: readonly { code: string; points: number; note?: string | null }[],
): LineInput[] {
  return checklist.map((c) => {
    const g = given.find((x) => x.code === c.code)
    return { code: c.code, name: c.name, maxPoints: c.maxPoints, points: g?.points ?? c.maxPoints, note: g?.note ?? '' }
  })
}

/** The sum of a checklist's points, which must be 100 (Checklist.Total). */
export function checklistTotal(items: readonly { maxPoints: number }[]): number {
  return Math.round(items.reduce((sum, i) => sum + (Number.isFinite(i.maxPoints) ? i.maxPoints : 0), 0) * 10) / 10
}
