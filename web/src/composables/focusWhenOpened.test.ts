import { afterEach, describe, expect, it } from 'vitest'
import { focusWhenOpened } from './focusWhenOpened'

/** A dialog as Element Plus renders it: the container (focused by its focus trap on open) and the body with fields. */
function dialog(): { container: HTMLElement; first: HTMLInputElement; picker: HTMLInputElement } {
  document.body.innerHTML = `
    <div class="el-dialog" tabindex="-1">
      <div class="el-dialog__body"><input id="first" /><input id="picker" /></div>
    </div>`
  return {
    container: document.querySelector<HTMLElement>('.el-dialog')!,
    first: document.querySelector<HTMLInputElement>('#first')!,
    picker: document.querySelector<HTMLInputElement>('#picker')!,
  }
}

describe('focusWhenOpened', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('focuses the first field when nothing in the dialog has the focus yet', () => {
    const { container, first } = dialog()
    container.focus()
    focusWhenOpened(first)
    expect(document.activeElement).toBe(first)
  })

  it('leaves the focus where the person went while the dialog was opening', () => {
    const { first, picker } = dialog()
    picker.focus()
    focusWhenOpened(first)
    expect(document.activeElement).toBe(picker)
  })
})
