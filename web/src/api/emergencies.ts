import { call, http, type Schemas } from './client'

// Emergency work orders (issue 15): the plan an emergency is routed by, the duty roster, the plan catalogue.
export type EmergencyPlan = Schemas['EmergencyPlanDto']
export type EmergencyView = Schemas['EmergencyView']
export type DutyShift = Schemas['DutyShiftDto']
export type DutyCandidates = Schemas['DutyCandidatesDto']

export const emergenciesApi = {
  /** The emergency plan for the order's category; null when none. */
  planFor: (id: number) => call<EmergencyPlan | null>(http.GET('/api/work-orders/{id}/emergency-plan', { params: { path: { id } } })),
  roster: (from: string, to: string) => call<DutyShift[]>(http.GET('/api/duty-roster', { params: { query: { from, to } } })),
  onDuty: () => call<DutyShift>(http.GET('/api/duty-roster/now')),
  candidates: () => call<DutyCandidates>(http.GET('/api/duty-roster/candidates')),
  assign: (date: string, shift: DutyShift['shift'], teamLeaderUserId: number | null, siteManagerUserId: number | null, version: number | null) =>
    call<DutyShift>(http.PUT('/api/duty-roster/{date}', { params: { path: { date } }, body: { shift, teamLeaderUserId, siteManagerUserId, version } })),
}
