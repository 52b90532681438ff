import { describe, expect, it } from 'vitest'
import { checklistTotal, missingNotes, startLines, totalOf } from './score'

const checklist = [
  { code: 'wording', name: '服务用语规范', maxPoints: 10 },
  { code: 'record', name: '诉求记录准确完整', maxPoints: 25 },
  { code: 'answer', name: '答复准确', maxPoints: 65 },
]

describe('the score form', () => {
  it('starts every line at full points, or at the score already given', () => {
    const lines = startLines(checklist, [{ code: 'record', points: 20, note: '未记录楼栋' }])
    expect(lines.map((l) => l.points)).toEqual([10, 20, 65])
    expect(lines[1]?.note).toBe('未记录楼栋')
    expect(totalOf(lines, false)).toBe(95)
  })

  it('adds the lines in tenths, and a fatal error scores 0', () => {
    const lines = startLines(checklist, [
      { code: 'wording', points: 7.5, note: '无结束语' },
      { code: 'answer', points: 60.2, note: '口径不准' },
    ])
    expect(totalOf(lines, false)).toBe(92.7)
    expect(totalOf(lines, true)).toBe(0)
  })

  it('asks for a note on each deduction', () => {
    const [wording, record, answer] = startLines(checklist, [])
    if (!wording || !record || !answer) throw new Error('three lines expected')
    const lines = [wording, record, answer]
    wording.points = 8
    answer.points = 60
    answer.note = '  '
    expect(missingNotes(lines)).toEqual(['wording', 'answer'])
    wording.note = '未使用开头语'
    expect(missingNotes(lines)).toEqual(['answer'])
  })

  it('adds up a checklist being edited', () => {
    expect(checklistTotal(checklist)).toBe(100)
    expect(checklistTotal([{ maxPoints: 33.3 }, { maxPoints: 33.3 }, { maxPoints: Number.NaN }])).toBe(66.6)
  })
})
