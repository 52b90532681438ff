import { call, fetchWithSession, http, type Schemas } from './client'
import { download, type DownloadProgress } from './download'
import { ApiError } from './problem'

// Issue 17: third-party sampling (第三方抽样回访): the template, imports, batches and their reject files, the rates.
export type SamplingBatch = Schemas['SamplingBatchView']
export type SamplingImportResult = Schemas['SamplingImportResult']
export type SampledUnitRates = Schemas['SampledUnitRates']
export type SamplingRatesReport = Schemas['SamplingRatesReport']

export const samplingApi = {
  template: (format: 'xlsx' | 'csv') => download('/api/assessment/sampling/template', { format }, `sampling-template.${format}`),
  batches: () => call<SamplingBatch[]>(http.GET('/api/assessment/sampling/batches')),
  rejects: (id: number) => download(`/api/assessment/sampling/batches/${id}/rejects`, {}, `sampling-rejects-${id}.csv`),
  exportRates: (from: string, to: string, onProgress?: (p: DownloadProgress) => void) =>
    download('/api/assessment/sampling/rates/export', { from, to }, 'sampling-rates.xlsx', onProgress),
  rates: (from: string, to: string) => call<SamplingRatesReport>(http.GET('/api/assessment/sampling/rates', { params: { query: { from, to } } })),
  /** Uploads one file (multipart, field `file`); the answer is the batch and its first refused rows. */
  async import(file: File): Promise<SamplingImportResult> {
    const form = new FormData()
    form.append('file', file, file.name)
    let response: Response
    try {
      response = await fetchWithSession(new Request('/api/assessment/sampling/batches', { method: 'POST', body: form, credentials: 'same-origin' }))
    } catch (cause) {
      throw ApiError.network(cause)
    }
    const body = await response.json().catch(() => undefined)
    if (!response.ok) throw ApiError.from(response.status, body)
    return body as SamplingImportResult
  },
}
