import { call, http, type Schemas } from './client'
import { download, type DownloadProgress } from './download'

// The S11 dashboards (issue 17, GET /api/dashboards/…): every figure on the caller's scope, each with the work-order
// list's filters of the orders behind it (its drill).
export type VolumeTrend = Schemas['VolumeTrendView']
export type TrendBucket = Schemas['TrendBucketView']
export type Breakdown = Schemas['BreakdownView']
export type BreakdownRow = Schemas['BreakdownRow']
export type Rising = Schemas['RisingView']
export type RisingRow = Schemas['RisingRow']
export type ForecastView = Schemas['ForecastView']
export type ForecastSeries = Schemas['ForecastSeries']
export type Drill = Schemas['Drill']
export type ScoreTrend = Schemas['ScoreTrendView']
export type ScoreTrendPoint = Schemas['ScoreTrendPoint']
export type Dimension = 'channel' | 'requestType' | 'category' | 'region' | 'unit'

/** The dashboards' own filters: the period and the list's filters (names as the work-order list takes them). */
export interface DashboardQuery {
  from: string
  to: string
  channel?: string
  requestType?: string
  categoryCode?: string
  regionCode?: string
  unitSubtree?: number
}

function clean<T extends object>(query: T): T {
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined && v !== null && v !== '')) as T
}

export const dashboardsApi = {
  volume: (q: DashboardQuery, grain: 'day' | 'week' | 'month') => call<VolumeTrend>(http.GET('/api/dashboards/volume', { params: { query: clean({ ...q, grain }) } })),
  breakdown: (q: DashboardQuery, dimension: Dimension, parent?: string) =>
    call<Breakdown>(http.GET('/api/dashboards/breakdown', { params: { query: clean({ ...q, dimension, parent }) } })),
  rising: (q: DashboardQuery, minVolume?: number) => call<Rising>(http.GET('/api/dashboards/rising', { params: { query: clean({ ...q, minVolume }) } })),
  forecast: (q: Omit<DashboardQuery, 'from' | 'to'>, weeks: number, dimension?: 'category' | 'region') =>
    call<ForecastView>(http.GET('/api/dashboards/forecast', { params: { query: clean({ ...q, weeks, dimension }) } })),
  /** The on-time and satisfaction trends (the assessment engine's figures, by week under three months, else by month). */
  scoresTrend: (from: string, to: string, unitId?: number) =>
    call<ScoreTrend>(http.GET('/api/dashboards/scores-trend', { params: { query: clean({ from, to, unitId }) } })),
  /** A dashboard table as .xlsx: the same filters as the table's own request (`table` is the endpoint's name). */
  export: (table: 'volume' | 'breakdown' | 'rising' | 'forecast' | 'scores-trend', query: object, onProgress?: (p: DownloadProgress) => void) =>
    download(`/api/dashboards/${table}/export`, clean(query), `${table}.xlsx`, onProgress),
}

/** The work-order list's route query for a figure: the dashboard's filters and period, overridden by the figure's drill. */
export function drillQuery(q: DashboardQuery, drill: Drill): Record<string, string> {
  const merged: Record<string, unknown> = { ...q }
  for (const [k, v] of Object.entries(drill)) if (v !== undefined && v !== null) merged[k] = v
  return Object.fromEntries(Object.entries(merged).filter(([, v]) => v !== undefined && v !== null && v !== '').map(([k, v]) => [k, String(v)]))
}
