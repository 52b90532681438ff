import { call, http, type Schemas } from './client'
import { download, type DownloadProgress } from './download'

// Issue 17 (S9): centre agents' performance per period, and its export.
export type AgentFigures = Schemas['AgentFigures']
export type AgentPerformanceReport = Schemas['AgentPerformanceReport']

export const agentPerformanceApi = {
  get: (from: string, to: string) => call<AgentPerformanceReport>(http.GET('/api/assessment/agents', { params: { query: { from, to } } })),
  export: (from: string, to: string, onProgress?: (p: DownloadProgress) => void) =>
    download('/api/assessment/agents/export', { from, to }, 'agent-performance.xlsx', onProgress),
}
