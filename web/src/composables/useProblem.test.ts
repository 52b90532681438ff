import { describe, expect, it } from 'vitest'
import { ApiError } from '@/api/problem'
import { withSetup } from './withSetup'
import { useProblem } from './useProblem'

describe('useProblem', () => {
  it('puts each field message by its field, in the reader language', () => {
    const problem = withSetup(useProblem)

    problem.capture(new ApiError(400, 'validation_failed', 'x', { name: ['Give a name of 1–100 characters.'], 'liaisons[0].phone': ['Give the liaison\'s phone (at most 30 characters).'] }))

    expect(problem.field('name')).toBe('请填写 1–100 个字符的名称。')
    expect(problem.under('liaisons')).toEqual({ 'liaisons[0].phone': '请填写联络员电话（最多 30 个字符）。' })
    expect(problem.message.value).toBe('有字段填写不正确，请查看标红的提示。')
  })

  it('shows a rule error that concerns one field by that field', () => {
    const problem = withSetup(useProblem)

    problem.capture(new ApiError(409, 'unit.has_active_children', 'Deactivate the unit\'s active sub-units first.'))

    expect(problem.field('isActive')).toBe('请先停用该单位下仍在启用的下级单位。')
    expect(problem.code.value).toBe('unit.has_active_children')
  })

  it('forgets a field message once the field is edited, and everything on the next submit', () => {
    const problem = withSetup(useProblem)
    problem.capture(new ApiError(400, 'validation_failed', 'x', { code: ['Use 1–32 letters, digits or hyphens.'], name: ['This field is required.'] }))

    problem.clearField('code')
    expect(problem.field('code')).toBeUndefined()
    expect(problem.field('name')).toBe('此项必填。')

    problem.clear()
    expect(Object.keys(problem.fields)).toEqual([])
    expect(problem.message.value).toBeNull()
  })

  it('reports a failed connection as such', () => {
    const problem = withSetup(useProblem)
    problem.capture(new TypeError('Failed to fetch'))
    expect(problem.code.value).toBe('network')
  })

  it('puts the fields the form found empty by their fields, in the server\'s words, and says whether there were any', () => {
    const problem = withSetup(useProblem)
    problem.capture(new ApiError(409, 'work_order.stale', 'x'))

    expect(problem.missing({})).toBe(false)
    expect(problem.message.value).not.toBeNull()
    expect(problem.missing({ basis: 'returnBasis', suggestedUnitId: 'chooseUnit' })).toBe(true)

    expect(problem.fields).toEqual({ basis: '请填写回退依据（法规或本单位职责）。', suggestedUnitId: '请选择单位。' })
    expect(problem.message.value).toBeNull()
  })
})

