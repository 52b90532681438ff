import type { WorkOrder } from '@/api/client'
import type { WorkOrderAction } from '@/api/workOrders'

/** The kinds of input an action's form may hold. */
export type FieldKind = 'textarea' | 'text' | 'number' | 'date' | 'select' | 'radio' | 'switch' | 'unit' | 'units' | 'order' | 'article' | 'files'

export interface ActionField {
  /** The body's key, which is also the name the server gives its errors. */
  name: string
  kind: FieldKind
  /**
   * Shown with an asterisk and checked before anything is sent (issue 14): while it is empty the form says so by the
   * field and sends nothing. The server stays the authority for every other rule (ranges, dates, states).
   */
  required?: boolean
  /** The message (errors.server.*) for the field left empty, the server's own words; a generic one by default. */
  missing?: string
  /** Values of a select or radio group, labelled `enums.<enumName>.<value>`. */
  enumName?: string
  options?: readonly (string | boolean)[]
  min?: number
  max?: (order: WorkOrder) => number | undefined
  /** Unit pickers: every unit of the platform, or only those within the person's own scope (a unit re-dispatching). */
  unitScope?: 'platform' | 'own'
  /** Shown only while the draft says so (a reason for "cannot resolve", the emergency service for an emergency). */
  visible?: (draft: Record<string, unknown>) => boolean
}

export interface ActionSpec {
  action: WorkOrderAction
  /** The button's look: the step that moves the order on is primary; refusals are plain; destructive ones danger. */
  tone: 'primary' | 'success' | 'warning' | 'danger' | 'default'
  fields: readonly ActionField[]
  /** No form: sent at once (sign), or after a confirmation (archive). */
  send?: 'immediately' | 'afterConfirm'
  /** The correction is the intake form itself, not a small form. */
  custom?: 'correct'
  /**
   * Offered whenever the server offers this other action: files added to an order (issue 18) follow the correction's
   * rule (the intake roles, while the order awaits dispatch or was sent back), which the server lists as `correct`.
   */
  shownWith?: WorkOrderAction
  /** What the form starts with, from the order as the person sees it. */
  defaults?: (order: WorkOrder, context: ActionContext) => Record<string, unknown>
  /** The body as the server takes it, when a field is typed differently (a list typed as one line). */
  toBody?: (body: Record<string, unknown>) => Record<string, unknown>
}

/** What a form's defaults may use besides the order: the catalogue's proposal for the lead unit. */
export interface ActionContext {
  proposedUnitId: number | null
  /** An emergency's plan also names co-units (issue 15). */
  proposedCoUnitIds?: number[]
  /** Reply:Voice = centre (issue 15): the reviewer accepting a reply writes the centre's answer to the citizen. */
  centreAnswers?: boolean
}

const text = (name: string, required = true, missing?: string): ActionField => ({ name, kind: 'textarea', required, missing })
const pendingReturn = (o: WorkOrder) => [...o.returns].reverse().find((r) => r.state === 'pending')
const pendingExtension = (o: WorkOrder) => [...o.extensions].reverse().find((e) => e.state === 'pending')

/**
 * Every action of docs/api.md with its form. The work-order page shows a button for each action the server lists in
 * `availableActions`, in this order, and nothing else.
 */
export const ACTIONS: readonly ActionSpec[] = [
  // intake
  { action: 'correct', tone: 'primary', fields: [], custom: 'correct' },
  // issue 18: files added to an order after intake, uploaded as they are chosen, then attached with the version seen
  { action: 'attachments', tone: 'default', shownWith: 'correct', fields: [{ name: 'attachmentIds', kind: 'files', required: true, missing: 'chooseFiles' }] },
  {
    action: 'answer-directly',
    tone: 'success',
    fields: [text('answer', true, 'giveAnswer'), { name: 'articleId', kind: 'article' }],
    defaults: (o) => ({ answer: '', articleId: o.lastSendBack?.articleId ?? null }),
  },
  // issue 15, intake (S3): handled directly by the centre, the one-go notice
  { action: 'handle-directly', tone: 'success', fields: [text('centreAction', true, 'centreAction')], defaults: () => ({ centreAction: '' }) },
  { action: 'one-go-notice', tone: 'default', fields: [text('text', true, 'oneGoNotice')], defaults: (o) => ({ text: o.intakeDetails.oneGoNotice ?? '' }) },
  {
    action: 'reject-at-intake',
    tone: 'danger',
    fields: [
      { name: 'reason', kind: 'select', enumName: 'rejectionReason', required: true, options: ['emergency', 'statutoryRoute', 'outsideAdministrativePower', 'secretsOrPublicOrder', 'alreadyHandled', 'mediationExhausted', 'abuseOrNoContent', 'procedureNotEnded'] },
      { name: 'transferredTo', kind: 'radio', enumName: 'emergencyService', required: true, missing: 'transferTo', options: ['police110', 'fire119', 'ambulance120', 'traffic122'], visible: (d) => d.reason === 'emergency' },
      text('note', false),
    ],
    defaults: () => ({ reason: null, transferredTo: null, note: '' }),
  },
  // dispatch
  {
    action: 'dispatch',
    tone: 'primary',
    fields: [{ name: 'leadUnitId', kind: 'unit', required: true, unitScope: 'platform' }, { name: 'coUnitIds', kind: 'units', unitScope: 'platform' }, text('note', false)],
    defaults: (_o, c) => ({ leadUnitId: c.proposedUnitId, coUnitIds: c.proposedCoUnitIds ?? [], note: '' }),
  },
  {
    action: 'send-back',
    tone: 'warning',
    fields: [
      { name: 'reason', kind: 'radio', enumName: 'sendBackReason', required: true, options: ['correction', 'knowledgeBaseAnswers'] },
      text('note', true, 'sendBackNote'),
      { name: 'articleId', kind: 'article', required: true, missing: 'linkArticle', visible: (d) => d.reason === 'knowledgeBaseAnswers' },
    ],
    defaults: () => ({ reason: 'correction', note: '', articleId: null }),
  },
  {
    action: 'approve-return',
    tone: 'primary',
    fields: [{ name: 'leadUnitId', kind: 'unit', unitScope: 'platform' }, { name: 'coUnitIds', kind: 'units', unitScope: 'platform' }, text('note', false)],
    defaults: (o) => ({ leadUnitId: pendingReturn(o)?.suggestedUnitId ?? null, coUnitIds: [], note: '' }),
  },
  { action: 'reject-return', tone: 'default', fields: [text('reason', true, 'rejectReturn')] },
  // handling
  { action: 'sign', tone: 'primary', fields: [], send: 'immediately' },
  {
    action: 'reply',
    tone: 'primary',
    fields: [
      text('result', true, 'describeResult'),
      { name: 'outcome', kind: 'radio', enumName: 'replyOutcome', required: true, options: ['resolved', 'explained', 'cannotResolve'] },
      { name: 'unresolvedReason', kind: 'textarea', required: true, missing: 'unresolvedReason', visible: (d) => d.outcome === 'cannotResolve' },
      { name: 'citizenContacted', kind: 'switch' },
      { name: 'contactMethod', kind: 'select', enumName: 'contactMethod', required: true, missing: 'contactMethod', options: ['phone', 'sms', 'visit', 'online', 'other'], visible: (d) => d.citizenContacted === true },
      // Issue 18 (S5): the reply's files, uploaded as they are chosen.
      { name: 'attachmentIds', kind: 'files' },
    ],
    defaults: () => ({ result: '', outcome: 'resolved', unresolvedReason: '', citizenContacted: true, contactMethod: 'phone', attachmentIds: [] }),
  },
  {
    action: 'progress-report',
    tone: 'default',
    fields: [text('text', true, 'describeProgress'), { name: 'committedDate', kind: 'date', required: true }],
    defaults: () => ({ text: '', committedDate: null }),
  },
  {
    action: 'request-extension',
    tone: 'default',
    fields: [{ name: 'days', kind: 'number', min: 1, max: () => 5, required: true }, text('reason', true, 'extensionReason')],
    defaults: () => ({ days: 3, reason: '' }),
  },
  {
    action: 'return',
    tone: 'warning',
    fields: [text('reason', true, 'returnReason'), text('basis', true, 'returnBasis'), { name: 'suggestedUnitId', kind: 'unit', required: true, unitScope: 'platform' }],
    defaults: () => ({ reason: '', basis: '', suggestedUnitId: null }),
  },
  {
    action: 'redispatch',
    tone: 'default',
    fields: [{ name: 'leadUnitId', kind: 'unit', required: true, unitScope: 'own' }, { name: 'coUnitIds', kind: 'units', unitScope: 'own' }, text('note', false)],
    defaults: () => ({ leadUnitId: null, coUnitIds: [], note: '' }),
  },
  { action: 'co-reply', tone: 'primary', fields: [text('text', true, 'coReply')] },
  // the centre's decisions
  {
    action: 'approve-extension',
    tone: 'primary',
    fields: [{ name: 'days', kind: 'number', min: 1, max: (o) => pendingExtension(o)?.days, required: true }, text('note', false)],
    defaults: (o) => ({ days: pendingExtension(o)?.days ?? 1, note: '' }),
  },
  { action: 'reject-extension', tone: 'default', fields: [text('reason', true, 'rejectExtension')] },
  {
    action: 'accept-reply',
    tone: 'primary',
    // Issue 15: with Reply:Voice = centre the reviewer writes the citizen's answer from the unit's reply (the server
    // requires it then, unless the order closes without a callback); with the unit's voice there is none to write.
    fields: [
      { name: 'skipCallback', kind: 'switch' },
      { name: 'note', kind: 'textarea', required: false },
      { ...text('citizenAnswer', true, 'citizenAnswer'), visible: (d) => d.centreAnswers === true && d.skipCallback !== true },
    ],
    defaults: (o, c) => ({ skipCallback: false, note: '', centreAnswers: c.centreAnswers === true, citizenAnswer: c.centreAnswers ? (o.replies.at(-1)?.result ?? '') : '' }),
  },
  { action: 'reject-reply', tone: 'default', fields: [text('reason', true, 'rejectReply')] },
  {
    action: 'callback',
    tone: 'primary',
    fields: [
      { name: 'reached', kind: 'radio', enumName: 'reached', required: true, options: [true, false] },
      { name: 'method', kind: 'select', enumName: 'contactMethod', options: ['phone', 'sms', 'visit', 'online', 'other'] },
      { name: 'processRating', kind: 'radio', enumName: 'rating', required: true, missing: 'processRating', options: ['satisfied', 'basicallySatisfied', 'unsatisfied'], visible: (d) => d.reached === true },
      { name: 'resultRating', kind: 'radio', enumName: 'rating', required: true, missing: 'resultRating', options: ['satisfied', 'basicallySatisfied', 'unsatisfied'], visible: (d) => d.reached === true },
      text('comment', false),
      // Issue 15 (S6): 应办未办 — the unit should have acted and did not: a redo whatever the rating.
      { name: 'unitFailedToAct', kind: 'switch' },
    ],
    defaults: () => ({ reached: true, method: 'phone', processRating: null, resultRating: null, comment: '', unitFailedToAct: false }),
  },
  {
    action: 'redo',
    tone: 'warning',
    fields: [text('reason', true, 'redoReason'), { name: 'leadUnitId', kind: 'unit', unitScope: 'platform' }],
    defaults: (o) => ({ reason: '', leadUnitId: o.leadUnit?.id ?? null }),
  },
  {
    action: 'close',
    tone: 'default',
    fields: [
      { name: 'reason', kind: 'radio', enumName: 'closeReason', required: true, options: ['satisfied', 'policyCompliant', 'unreachable', 'exemptFromCallback'] },
      text('note', false),
    ],
    defaults: (o) => ({ reason: o.callbackUnreachable ? 'unreachable' : o.callbackUnsatisfied ? 'policyCompliant' : 'satisfied', note: '' }),
  },
  { action: 'remind', tone: 'warning', fields: [text('text', true, 'reminderText')] },
  { action: 'archive', tone: 'default', fields: [], send: 'afterConfirm' },
  // repeats
  { action: 'link-repeat', tone: 'default', fields: [{ name: 'earlierId', kind: 'order', required: true, missing: 'chooseEarlier' }] },
  { action: 'merge', tone: 'default', fields: [{ name: 'targetId', kind: 'order', required: true, missing: 'chooseTarget' }] },
  // emergency work orders (issue 15)
  { action: 'raise-emergency', tone: 'danger', fields: [text('note', false)] },
  { action: 'confirm-emergency', tone: 'danger', fields: [text('note', false)] },
  { action: 'dismiss-emergency', tone: 'default', fields: [text('reason', true, 'dismissEmergency')] },
  {
    action: 'record-emergency-call',
    tone: 'default',
    fields: [{ name: 'department', kind: 'text', required: true }, { name: 'contact', kind: 'text', required: true }, text('agreed', true)],
  },
  {
    action: 'report-emergency',
    tone: 'default',
    fields: [{ name: 'departments', kind: 'text', required: true }],
    toBody: (b) => ({ ...b, departments: splitList(b.departments) }),
  },
  // issue 15: hard cases (疑难工单), responsibility disputes (职责争议), coordination by the government, lateness judged
  { action: 'escalate-hard-case', tone: 'warning', fields: [text('reason')] },
  {
    action: 'dispatch-hard-case',
    tone: 'primary',
    fields: [{ name: 'leadUnitId', kind: 'unit', required: true, unitScope: 'platform' }, { name: 'coUnitIds', kind: 'units', unitScope: 'platform' }, text('note', false)],
    defaults: () => ({ leadUnitId: null, coUnitIds: [], note: '' }),
  },
  {
    action: 'send-back-hard-case',
    tone: 'warning',
    fields: [
      { name: 'reason', kind: 'radio', enumName: 'sendBackReason', required: true, options: ['correction', 'knowledgeBaseAnswers'] },
      text('note', true, 'sendBackNote'),
      { name: 'articleId', kind: 'article', required: true, missing: 'linkArticle', visible: (d) => d.reason === 'knowledgeBaseAnswers' },
    ],
    defaults: () => ({ reason: 'correction', note: '', articleId: null }),
  },
  {
    action: 'convene-units',
    tone: 'default',
    fields: [{ name: 'unitIds', kind: 'units', required: true, unitScope: 'platform' }, { name: 'heldOn', kind: 'date', required: true }, text('outcome')],
    defaults: () => ({ unitIds: [], heldOn: null, outcome: '' }),
  },
  { action: 'request-arbitration', tone: 'warning', fields: [text('reason')] },
  // issue 16 (S8): a multi-unit case: the centre convenes the units concerned and names the lead unit (the others assist)
  {
    action: 'convene-lead',
    tone: 'default',
    fields: [
      { name: 'leadUnitId', kind: 'unit', required: true, unitScope: 'platform' },
      { name: 'unitIds', kind: 'units', required: true, unitScope: 'platform' },
      { name: 'heldOn', kind: 'date', required: true },
      text('outcome'),
    ],
    defaults: () => ({ leadUnitId: null, unitIds: [], heldOn: null, outcome: '' }),
    // The form names the lead apart from the other units that attended; the server takes every unit that attended.
    toBody: (b) => ({ ...b, unitIds: [...(Array.isArray(b.unitIds) ? b.unitIds : []), ...(typeof b.leadUnitId === 'number' ? [b.leadUnitId] : [])] }),
  },
  {
    action: 'decide-arbitration',
    tone: 'primary',
    fields: [{ name: 'unitId', kind: 'unit', required: true, unitScope: 'platform' }, text('decision')],
    defaults: () => ({ unitId: null, decision: '' }),
  },
  { action: 'report-to-government', tone: 'default', fields: [text('matter')] },
  { action: 'record-coordination', tone: 'default', fields: [text('result')] },
  { action: 'explain-lateness', tone: 'default', fields: [text('reason')] },
  {
    action: 'judge-lateness',
    tone: 'default',
    fields: [{ name: 'judgement', kind: 'radio', enumName: 'latenessJudgement', required: true, options: ['accepted', 'withoutGoodReason'] }, text('note', false)],
    defaults: () => ({ judgement: null, note: '' }),
  },
]

/** One line of names → the names one by one (separated by the ideographic comma, commas or semicolons, full or half width). */
export function splitList(text: unknown): string[] {
  return typeof text === 'string' ? text.split(/[\u3001,\uff0c;\uff1b]/).map((s) => s.trim()).filter((s) => s.length > 0) : []
}

const BY_ACTION = new Map(ACTIONS.map((a) => [a.action, a]))

/** The forms for the actions the server offers now, in the workbench's order; reveal-caller has its own place. */
export function actionsFor(available: readonly string[]): ActionSpec[] {
  const offered = new Set(available)
  return ACTIONS.filter((a) => offered.has(a.action) || (a.shownWith !== undefined && offered.has(a.shownWith)))
}

export function specOf(action: string): ActionSpec | undefined {
  return BY_ACTION.get(action as WorkOrderAction)
}

/** The starting draft of an action's form. */
export function initialDraft(spec: ActionSpec, order: WorkOrder, context: ActionContext): Record<string, unknown> {
  const draft: Record<string, unknown> = {}
  // A number starts at its least allowed value (it is never clamped afterwards: NumberField).
  for (const f of spec.fields)
    draft[f.name] = f.kind === 'units' || f.kind === 'files' ? [] : f.kind === 'switch' ? false : f.kind === 'textarea' || f.kind === 'text' || f.kind === 'order' ? '' : f.kind === 'number' ? (f.min ?? null) : null
  return { ...draft, ...(spec.defaults?.(order, context) ?? {}) }
}

/**
 * The required fields of the form as shown that are still empty: name → the message's key under errors.server (the
 * same words the server would answer with). The dialog sends nothing while there is one (issue 14).
 */
export function missingFields(spec: ActionSpec, draft: Record<string, unknown>): Record<string, string> {
  const missing: Record<string, string> = {}
  for (const f of spec.fields) {
    if (!f.required || (f.visible && !f.visible(draft))) continue
    const v = draft[f.name]
    if (v == null || (typeof v === 'string' && !v.trim()) || (Array.isArray(v) && !v.length))
      missing[f.name] = f.missing ?? (f.kind === 'unit' ? 'chooseUnit' : f.kind === 'textarea' || f.kind === 'text' || f.kind === 'number' ? 'required' : 'choose')
  }
  return missing
}

/** The body sent: visible fields only, text trimmed, and the version the person saw. */
export function bodyOf(spec: ActionSpec, draft: Record<string, unknown>, version: number): Record<string, unknown> {
  const body: Record<string, unknown> = { version }
  for (const f of spec.fields) {
    if (f.visible && !f.visible(draft)) continue
    const v = draft[f.name]
    body[f.name] = typeof v === 'string' ? v.trim() || null : v
  }
  return spec.toBody ? spec.toBody(body) : body
}
