import { fetchWithSession } from './client'
import { ApiError } from './problem'

/** How far a download has come: bytes received of the total the server declared (null when it did not). */
export interface DownloadProgress {
  received: number
  total: number | null
}

/** The query string of a filter object; empty values are left out. */
export function queryString(query: object): string {
  const entries = Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')
  return new URLSearchParams(entries.map(([k, v]) => [k, String(v)])).toString()
}

/**
 * Downloads a file the server writes (the .xlsx exports, issue 17) and saves it under the server's file name: the body
 * is read chunk by chunk so that `onProgress` can show the bytes received against the length the server declared. A
 * refusal arrives as an {@link ApiError} (the problem's field-named errors).
 */
export async function download(path: string, query: object, fallbackName: string, onProgress?: (p: DownloadProgress) => void): Promise<void> {
  const search = queryString(query)
  let response: Response
  try {
    response = await fetchWithSession(new Request(`${path}${search ? `?${search}` : ''}`, { credentials: 'same-origin' }))
  } catch (cause) {
    throw ApiError.network(cause)
  }
  if (!response.ok) throw ApiError.from(response.status, await response.json().catch(() => undefined))
  const length = Number(response.headers.get('content-length'))
  const total = Number.isFinite(length) && length > 0 ? length : null
  const chunks: BlobPart[] = []
  let received = 0
  onProgress?.({ received, total })
  if (response.body) {
    const reader = response.body.getReader()
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      chunks.push(value)
      received += value.byteLength
      onProgress?.({ received, total })
    }
  } else {
    chunks.push(await response.blob())
  }
  const name = /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName
  const url = URL.createObjectURL(new Blob(chunks, { type: response.headers.get('content-type') ?? 'application/octet-stream' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  document.body.appendChild(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
