/**
 * Unsent work kept in this browser tab (sessionStorage), so that a reload or a slip of the mouse does not lose what an
 * agent typed during a call. Cleared at sign-out: the next person at the seat starts empty.
 */
const PREFIX = 'hotline.draft.'

export function saveDraft(key: string, value: unknown): void {
  try {
    sessionStorage.setItem(PREFIX + key, JSON.stringify(value))
  } catch {
    // Storage full or disabled: the draft still lives in memory.
  }
}

export function loadDraft<T>(key: string): T | null {
  try {
    const text = sessionStorage.getItem(PREFIX + key)
    return text ? (JSON.parse(text) as T) : null
  } catch {
    return null
  }
}

export function dropDraft(key: string): void {
  sessionStorage.removeItem(PREFIX + key)
}

export function clearDrafts(): void {
  if (typeof sessionStorage === 'undefined') return
  for (const key of Object.keys(sessionStorage)) if (key.startsWith(PREFIX)) sessionStorage.removeItem(key)
}
