import { onBeforeUnmount, onMounted, type Ref } from 'vue'

/** "/" jumps to a list's search box (unless the person is typing somewhere already), as in most web consoles. */
export function useSlashFocus(target: Ref<{ focus: () => void } | null>): void {
  function onKey(event: KeyboardEvent): void {
    if (event.key !== '/' || event.ctrlKey || event.metaKey || event.altKey) return
    const active = document.activeElement
    if (active instanceof HTMLInputElement || active instanceof HTMLTextAreaElement || (active as HTMLElement | null)?.isContentEditable) return
    event.preventDefault()
    target.value?.focus()
  }
  onMounted(() => window.addEventListener('keydown', onKey))
  onBeforeUnmount(() => window.removeEventListener('keydown', onKey))
}
