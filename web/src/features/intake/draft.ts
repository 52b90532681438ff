import type { Channel, EmergencyService, RegisterRequest, RejectionReason, RequestType, Urgency, WorkOrder } from '@/api/client'

/** What the agent records about a contact (S3): the register and correct forms share it. */
export interface IntakeDraft {
  channel: Channel
  provincialReference: string
  requestType: RequestType | null
  categoryCode: string | null
  urgency: Urgency
  caller: { name: string; phone: string; isAnonymous: boolean; isConfidential: boolean }
  location: { regionCode: string | null; street: string; address: string; latitude: number | null; longitude: number | null }
  subject: string
  events: string
  demand: string
  suggestedHandling: string
  partyInvolved: string
  recordingId: string
  /** Issue 15 (S3): the party involved's address, and whether the citizen asks for a reply and a callback. */
  partyAddress: string
  citizenWantsCallback: boolean
  /** Issue 18: the uploads the registration attaches (files are sent as they are chosen); not part of a correction. */
  attachmentIds?: number[]
}

export type OutcomeKind = 'dispatch' | 'answerDirectly' | 'handleDirectly' | 'threeWayCall' | 'reject'

/** How the agent resolves the contact; the fields used depend on the kind. */
export interface OutcomeDraft {
  kind: OutcomeKind
  answer: string
  articleId: number | null
  unitId: number | null
  result: string
  reason: RejectionReason | null
  transferredTo: EmergencyService | null
  note: string
  /** Issue 15 (S3): what the centre did itself (直接办理), and what the caller was told in one go (一次性告知). */
  centreAction: string
  oneGoNotice: string
  /** Issue 15 (S4): 紧急上报 with a dispatch, raised by the registration itself. */
  raiseEmergency: boolean
}

export const CHANNELS: readonly Channel[] = ['phone', 'weChat', 'app', 'web', 'mayorMailbox', 'broadcast', 'province', 'govServiceHotline', 'serviceHall', 'subCentre']
export const REQUEST_TYPES: readonly RequestType[] = ['inquiry', 'helpRequest', 'complaint', 'report', 'suggestion']
export const OUTCOMES: readonly OutcomeKind[] = ['dispatch', 'answerDirectly', 'handleDirectly', 'threeWayCall', 'reject']
export const REJECTION_REASONS: readonly RejectionReason[] = [
  'emergency',
  'statutoryRoute',
  'outsideAdministrativePower',
  'secretsOrPublicOrder',
  'alreadyHandled',
  'mediationExhausted',
  'abuseOrNoContent',
  'procedureNotEnded',
]
export const EMERGENCY_SERVICES: readonly EmergencyService[] = ['police110', 'fire119', 'ambulance120', 'traffic122']

/**
 * Whether a phone number as typed so far can no longer become a valid one (the server's rule: an optional +, then 3–20
 * digits, spaces or hyphens, starting with a digit). Too short is not judged while typing; the server says so.
 */
export function phoneLooksWrong(phone: string): boolean {
  const p = phone.trim()
  if (p === '' || p === '+') return false
  return !/^\+?[0-9][0-9 -]{0,19}$/.test(p)
}

export function emptyDraft(): IntakeDraft {
  return {
    channel: 'phone',
    provincialReference: '',
    requestType: null,
    categoryCode: null,
    urgency: 'normal',
    caller: { name: '', phone: '', isAnonymous: false, isConfidential: false },
    location: { regionCode: null, street: '', address: '', latitude: null, longitude: null },
    subject: '',
    events: '',
    demand: '',
    suggestedHandling: '',
    partyInvolved: '',
    recordingId: '',
    partyAddress: '',
    citizenWantsCallback: false,
    attachmentIds: [],
  }
}

export function emptyOutcome(): OutcomeDraft {
  return { kind: 'dispatch', answer: '', articleId: null, unitId: null, result: '', reason: null, transferredTo: null, note: '', centreAction: '', oneGoNotice: '', raiseEmergency: false }
}

const orNull = (v: string): string | null => (v.trim() ? v.trim() : null)

/** The intake fields as the API takes them: text trimmed, empty optional text left out. */
export function contentOf(d: IntakeDraft) {
  return {
    channel: d.channel,
    requestType: d.requestType,
    categoryCode: d.categoryCode,
    urgency: d.urgency,
    caller: { name: orNull(d.caller.name), phone: orNull(d.caller.phone), isAnonymous: d.caller.isAnonymous, isConfidential: d.caller.isConfidential },
    location: { regionCode: d.location.regionCode, street: orNull(d.location.street), address: orNull(d.location.address), latitude: d.location.latitude, longitude: d.location.longitude },
    subject: orNull(d.subject),
    events: orNull(d.events),
    demand: orNull(d.demand),
    suggestedHandling: orNull(d.suggestedHandling),
    partyInvolved: orNull(d.partyInvolved),
    recordingId: orNull(d.recordingId),
    partyAddress: orNull(d.partyAddress),
    citizenWantsCallback: d.citizenWantsCallback,
    provincialReference: d.channel === 'province' ? orNull(d.provincialReference) : null,
  }
}

/** The registration: the content plus the outcome, with only the outcome's own fields. */
export function registerRequest(d: IntakeDraft, o: OutcomeDraft, proposedUnitId: number | null): RegisterRequest {
  const none = { answer: null, articleId: null, unitId: null, result: null, reason: null, transferredTo: null, note: null, proposedUnitId: null }
  const outcome =
    o.kind === 'dispatch'
      ? { ...none, kind: o.kind, proposedUnitId }
      : o.kind === 'answerDirectly'
        ? { ...none, kind: o.kind, answer: orNull(o.answer), articleId: o.articleId }
        : o.kind === 'handleDirectly'
          ? { ...none, kind: o.kind, centreAction: orNull(o.centreAction) }
          : o.kind === 'threeWayCall'
            ? { ...none, kind: o.kind, unitId: o.unitId, result: orNull(o.result) }
            : { ...none, kind: o.kind, reason: o.reason, transferredTo: o.reason === 'emergency' ? o.transferredTo : null, note: orNull(o.note) }
  return {
    ...contentOf(d),
    outcome,
    oneGoNotice: orNull(o.oneGoNotice),
    raiseEmergency: o.kind === 'dispatch' && d.urgency === 'emergency' && o.raiseEmergency,
    attachmentIds: d.attachmentIds?.length ? [...d.attachmentIds] : null,
  }
}

const blank = (v: string): boolean => !v.trim()

/**
 * The required intake fields still empty (field name as the API gives it → key under errors.server, the server's own
 * words), checked before anything is sent (issue 14). A dispatch also needs the region and the demand.
 */
export function missingContent(d: IntakeDraft, forDispatch: boolean): Record<string, string> {
  const missing: Record<string, string> = {}
  if (!d.caller.isAnonymous && blank(d.caller.phone)) missing['caller.phone'] = 'givePhone'
  if (!d.requestType) missing.requestType = 'choose'
  if (d.channel === 'province' && blank(d.provincialReference)) missing.provincialReference = 'provincialReference'
  if (!d.categoryCode) missing.categoryCode = 'choose'
  if (forDispatch && !d.location.regionCode) missing['location.regionCode'] = 'giveRegion'
  if (blank(d.subject)) missing.subject = 'required'
  if (blank(d.events)) missing.events = 'required'
  if (forDispatch && blank(d.demand)) missing.demand = 'required'
  return missing
}

/** The fields the chosen outcome needs that are still empty, named as the server names them. */
export function missingOutcome(o: OutcomeDraft): Record<string, string> {
  const missing: Record<string, string> = {}
  if (o.kind === 'answerDirectly' && blank(o.answer)) missing.answer = 'giveAnswer'
  if (o.kind === 'handleDirectly' && blank(o.centreAction)) missing['outcome.centreAction'] = 'centreAction'
  if (o.kind === 'threeWayCall' && o.unitId == null) missing['outcome.unitId'] = 'chooseUnit'
  if (o.kind === 'threeWayCall' && blank(o.result)) missing['threeWayCall.result'] = 'threeWayResult'
  if (o.kind === 'reject' && !o.reason) missing['outcome.reason'] = 'choose'
  if (o.kind === 'reject' && o.reason === 'emergency' && !o.transferredTo) missing.transferredTo = 'transferTo'
  return missing
}

/** A correction starts from the order as registered, with the caller as revealed for it. */
export function draftFromOrder(order: WorkOrder, caller: { name: string | null; phone: string | null }): IntakeDraft {
  return {
    channel: order.channel,
    provincialReference: order.provincialReference ?? '',
    requestType: order.requestType,
    categoryCode: order.categoryCode,
    urgency: order.urgency,
    caller: { name: caller.name ?? '', phone: caller.phone ?? '', isAnonymous: order.caller.isAnonymous, isConfidential: order.caller.isConfidential },
    location: {
      regionCode: order.location.regionCode,
      street: order.location.street ?? '',
      address: order.location.address ?? '',
      latitude: order.location.latitude,
      longitude: order.location.longitude,
    },
    subject: order.subject,
    events: order.events,
    demand: order.demand,
    suggestedHandling: order.suggestedHandling ?? '',
    partyInvolved: order.partyInvolved ?? '',
    recordingId: order.recordingId ?? '',
    partyAddress: order.intakeDetails.partyAddress ?? '',
    citizenWantsCallback: order.intakeDetails.citizenWantsCallback,
  }
}

/** Whether anything has been typed (a draft worth keeping, or worth a warning before it is cleared). */
export function hasContent(d: IntakeDraft): boolean {
  return JSON.stringify(d) !== JSON.stringify(emptyDraft())
}
