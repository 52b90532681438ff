import { call, http, type Schemas } from './client'

// Emergency work orders (issue 15): the plan an emergency is routed by, the duty roster, the plan catalogue.
export type EmergencyPlan = Schemas['EmergencyPlanDto']
export type EmergencyView = Schemas['EmergencyView']
export type DutyShift = Schemas['DutyShiftDto']
export type DutyCandidates = Schemas['DutyCandidatesDto']
export type Shift = DutyShift['shift']

/** The plan editor's form: the category, its name, the lead unit with whom to phone there, and the co-units. */
export interface EmergencyPlanDraft {
  categoryCode: string | null
  name: string
  leadUnitId: number | null
  leadContact: string
  coUnits: Array<{ unitId: number | null; contact: string }>
}

const planBody = (d: EmergencyPlanDraft) => ({
  categoryCode: d.categoryCode,
  name: d.name.trim(),
  leadUnitId: d.leadUnitId,
  leadContact: d.leadContact.trim(),
  coUnits: d.coUnits.map((c) => ({ unitId: c.unitId, contact: c.contact.trim() })),
})

export const emergenciesApi = {
  /** The emergency plan for the order's category; null when none. */
  planFor: (id: number) => call<EmergencyPlan | null>(http.GET('/api/work-orders/{id}/emergency-plan', { params: { path: { id } } })),
  roster: (from: string, to: string) => call<DutyShift[]>(http.GET('/api/duty-roster', { params: { query: { from, to } } })),
  onDuty: () => call<DutyShift>(http.GET('/api/duty-roster/now')),
  candidates: () => call<DutyCandidates>(http.GET('/api/duty-roster/candidates')),
  assign: (date: string, shift: DutyShift['shift'], teamLeaderUserId: number | null, siteManagerUserId: number | null, version: number | null) =>
    call<DutyShift>(http.PUT('/api/duty-roster/{date}', { params: { path: { date } }, body: { shift, teamLeaderUserId, siteManagerUserId, version } })),
}

/** The emergency plan catalogue (应急预案): read by intake and dispatch, kept by administrators and the centre manager. */
export const emergencyPlansApi = {
  list: () => call<EmergencyPlan[]>(http.GET('/api/emergency-plans')),
  create: (d: EmergencyPlanDraft) => call<EmergencyPlan>(http.POST('/api/emergency-plans', { body: { ...planBody(d), version: null } })),
  update: (id: number, d: EmergencyPlanDraft, version: number) =>
    call<EmergencyPlan>(http.PUT('/api/emergency-plans/{id}', { params: { path: { id } }, body: { ...planBody(d), version } })),
  remove: (id: number) => call(http.DELETE('/api/emergency-plans/{id}', { params: { path: { id } } })),
}
