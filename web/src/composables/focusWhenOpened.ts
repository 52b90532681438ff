/**
 * The focus for a dialog that has finished opening (its `opened` event, after the 0.3 s animation): the given field,
 * unless the person already went to a field of the dialog while it was opening. Taking the focus back then closed a
 * drop-down they had opened and sent what they typed on to another field (issue 14: the user editor's unit picker).
 */
export function focusWhenOpened(target: { focus: () => void } | null | undefined): void {
  const active = document.activeElement
  if (active instanceof HTMLElement && active.closest('.el-dialog__body')) return
  target?.focus()
}
