import type { Schemas } from '@/api/client'
import { call, portalHttp } from '../api'

export type CitizenPhoto = Schemas['CitizenPhoto']

/** The limits the server holds a citizen's photos to (AttachmentRules): stated on the form, checked again by the server. */
export const photoLimits = { count: 20, megabytes: 20 }

/** Photos on a citizen's submission (issue 18): the upload, and the thumbnail only the same verified phone may read. */
export const photoApi = {
  upload: (file: File) => {
    const form = new FormData()
    form.append('file', file, file.name)
    return call(portalHttp.POST('/api/citizen/uploads', { body: form as never, bodySerializer: (b: unknown) => b as FormData })) as Promise<CitizenPhoto>
  },
  /** The thumbnail as an object URL (the token travels in a header, which an img element cannot send). */
  thumbnail: async (id: number): Promise<string> => {
    const blob = (await call(portalHttp.GET('/api/citizen/uploads/{id}/thumbnail', { params: { path: { id } }, parseAs: 'blob' }))) as Blob
    return URL.createObjectURL(blob)
  },
}
