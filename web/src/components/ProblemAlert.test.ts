import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import { ApiError } from '@/api/problem'
import { withSetup } from '@/composables/withSetup'
import { useProblem } from '@/composables/useProblem'
import ProblemAlert from './ProblemAlert.vue'

type Problem = ReturnType<typeof useProblem>

/** Mounts the alert as a form does (class and data-test on it); the alert's fade transition is rendered, not stubbed. */
function mountAlert(problem: Problem, options: { conflictTest?: string; conflict?: string } = {}) {
  return mount(ProblemAlert, {
    props: { problem, conflictTest: options.conflictTest },
    attrs: { class: 'editor-alert', 'data-test': 'form-error' },
    slots: options.conflict ? { conflict: options.conflict } : {},
    global: { stubs: { transition: false } },
  })
}

describe('ProblemAlert', () => {
  it('shows nothing while there is no problem', () => {
    const wrapper = mountAlert(withSetup(useProblem))

    expect(wrapper.find('.el-alert').exists()).toBe(false)
  })

  it('shows the sentence of a problem that no field carries, with the attributes it was given', () => {
    const problem = withSetup(useProblem)
    problem.capture(ApiError.network(new Error('Failed to fetch')))

    const alert = mountAlert(problem).get('[data-test="form-error"]')

    expect(alert.classes()).toEqual(expect.arrayContaining(['el-alert', 'el-alert--error', 'editor-alert']))
    expect(alert.text()).toBe(problem.message.value)
  })

  it('shows nothing when the fields tell the problem', () => {
    const problem = withSetup(useProblem)
    problem.capture(new ApiError(400, 'validation_failed', 'x', { name: ['This field is required.'] }))

    const wrapper = mountAlert(problem)

    expect(problem.message.value).toBeTruthy()
    expect(wrapper.find('.el-alert').exists()).toBe(false)
  })

  it('shows a concurrency conflict as a warning holding the conflict slot, when there is one', () => {
    const problem = withSetup(useProblem)
    problem.capture(new ApiError(409, 'concurrency_conflict', 'Someone else changed this record first.'))

    const plain = mountAlert(problem)
    const withSlot = mountAlert(problem, { conflictTest: 'form-conflict', conflict: '<button class="reload">reload</button>' })

    expect(plain.get('[data-test="form-error"]').classes()).toContain('el-alert--error')
    const warning = withSlot.get('[data-test="form-conflict"]')
    expect(warning.classes()).toEqual(expect.arrayContaining(['el-alert--warning', 'editor-alert']))
    expect(warning.text()).toContain(problem.message.value)
    expect(warning.find('button.reload').exists()).toBe(true)
    expect(withSlot.find('[data-test="form-error"]').exists()).toBe(false)
    expect(mountAlert(problem, { conflict: 'reload' }).get('.el-alert--warning').attributes('data-test')).toBeUndefined()
  })
})
