import { fetchWithSession, type Schemas } from './client'
import { ApiError } from './problem'

export type UploadView = Schemas['UploadView']
export type AttachmentView = Schemas['AttachmentView']

/** A file as a list shows it: an order's attachment (with its source and thumbnail) or an appeal's evidence (`isImage`). */
export type ListedFile = Pick<AttachmentView, 'id' | 'name' | 'size'> & Partial<Pick<AttachmentView, 'source' | 'hasThumbnail'>> & { isImage?: boolean }

/** Issue 18: the files of orders. Downloads and thumbnails are addressed by id only: a file's name never enters a URL. */
export const attachmentsApi = {
  /** Uploads one file (multipart, field `file`); the answer names the upload a registration or a reply then attaches. */
  async upload(file: File): Promise<UploadView> {
    const form = new FormData()
    form.append('file', file, file.name)
    let response: Response
    try {
      response = await fetchWithSession(new Request('/api/attachments', { method: 'POST', body: form, credentials: 'same-origin' }))
    } catch (cause) {
      throw ApiError.network(cause)
    }
    const body = await response.json().catch(() => undefined)
    if (!response.ok) throw ApiError.from(response.status, body)
    return body as UploadView
  },
  fileUrl: (id: number) => `/api/attachments/${id}`,
  thumbnailUrl: (id: number) => `/api/attachments/${id}/thumbnail`,
}

/** What the file picker accepts; the server sniffs the bytes whatever the picker let through. */
export const ACCEPTED_FILES = '.jpg,.jpeg,.png,.gif,.webp,.pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.mp3,.wav,.amr,.m4a'

/** The server's limits, repeated so that a file too big is refused before it is sent (the server checks again). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024
export const MAX_FILES = 20
