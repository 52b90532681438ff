// @vitest-environment node
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import type { WorkOrder } from '@/api/client'
import zhCN from '@/locales/zh-CN.json'
import en from '@/locales/en.json'
import { ACTIONS, actionsFor, bodyOf, initialDraft, missingFields, specOf } from './actions'

const document = JSON.parse(readFileSync(new URL('../../api/openapi.json', import.meta.url), 'utf8')) as { paths: Record<string, Record<string, unknown>> }
// Actions are the POSTs under an order; what an order is read with (timeline, suggestions, candidates) is a GET.
const serverActions = Object.entries(document.paths)
  .filter(([, operations]) => 'post' in operations)
  .map(([p]) => /^\/api\/work-orders\/\{id\}\/([a-z-]+)$/.exec(p)?.[1])
  .filter((a): a is string => !!a)

const order = {
  id: 1,
  version: 4,
  leadUnit: { id: 9, name: 'x' },
  lastSendBack: null,
  returns: [{ state: 'approved', suggestedUnitId: 3 }, { state: 'pending', suggestedUnitId: 12 }],
  extensions: [{ state: 'pending', days: 3 }],
  callbackUnreachable: false,
  callbackUnsatisfied: true,
} as unknown as WorkOrder

describe('work-order actions', () => {
  // reveal-caller has its own dialog.
  it('has a form for every action of the API but the caller reveal', () => {
    expect(ACTIONS.map((a) => a.action).sort()).toEqual(serverActions.filter((a) => a !== 'reveal-caller').sort())
  })

  // Issue 18: files added to an existing order follow the correction's rule, so the form is offered with `correct`.
  it('offers adding files exactly where the server offers the correction, and sends the uploads with the version seen', () => {
    expect(actionsFor(['correct', 'dispatch']).map((a) => a.action)).toEqual(['correct', 'attachments', 'dispatch'])
    expect(actionsFor(['sign', 'reply']).map((a) => a.action)).not.toContain('attachments')
    const spec = specOf('attachments')!
    const draft = initialDraft(spec, order, { proposedUnitId: null })
    expect(draft.attachmentIds).toEqual([]) // the upload appends to a list
    expect(missingFields(spec, draft)).toEqual({ attachmentIds: 'chooseFiles' })
    expect(bodyOf(spec, { ...draft, attachmentIds: [7, 8] }, 4)).toEqual({ version: 4, attachmentIds: [7, 8] })
  })

  it('names every action, its success and its fields in the locale', () => {
    const actions = zhCN.actions as Record<string, { title?: string; done?: string; fields?: Record<string, string> }>
    for (const spec of ACTIONS) {
      expect(actions[spec.action]?.title, spec.action).toBeTruthy()
      expect(actions[spec.action]?.done, spec.action).toBeTruthy()
      for (const f of spec.fields) expect(actions[spec.action]?.fields?.[f.name], `${spec.action}.${f.name}`).toBeTruthy()
    }
  })

  it('shows exactly the actions the server offers', () => {
    expect(actionsFor(['sign', 'return', 'reveal-caller', 'redispatch']).map((a) => a.action)).toEqual(['sign', 'return', 'redispatch'])
  })

  it('starts forms from the order: the catalogue proposal, the suggested unit of a return, the days asked, the redo unit', () => {
    expect(initialDraft(specOf('dispatch')!, order, { proposedUnitId: 42 }).leadUnitId).toBe(42)
    expect(initialDraft(specOf('approve-return')!, order, { proposedUnitId: null }).leadUnitId).toBe(12)
    expect(initialDraft(specOf('approve-extension')!, order, { proposedUnitId: null }).days).toBe(3)
    expect(initialDraft(specOf('redo')!, order, { proposedUnitId: null }).leadUnitId).toBe(9)
    expect(initialDraft(specOf('close')!, order, { proposedUnitId: null }).reason).toBe('policyCompliant')
  })

  it('sends the visible fields with the version seen, leaving hidden ones out', () => {
    const spec = specOf('callback')!
    const draft = { ...initialDraft(spec, order, { proposedUnitId: null }), reached: false, processRating: 'satisfied', comment: '  无人接听 ' }
    expect(bodyOf(spec, draft, 4)).toEqual({ version: 4, reached: false, method: 'phone', comment: '无人接听', unitFailedToAct: false })
  })

  it('finds the required fields left empty among those shown, with the server\'s own words for each', () => {
    const reply = specOf('reply')!
    const draft = { ...initialDraft(reply, order, { proposedUnitId: null }), outcome: 'cannotResolve', citizenContacted: false }
    expect(missingFields(reply, draft)).toEqual({ result: 'describeResult', unresolvedReason: 'unresolvedReason' })
    expect(missingFields(reply, { ...draft, result: ' 已处理 ', unresolvedReason: '产权不清', citizenContacted: true, contactMethod: null })).toEqual({ contactMethod: 'contactMethod' })

    const sendBack = specOf('send-back')!
    expect(missingFields(sendBack, { reason: 'correction', note: '', articleId: null })).toEqual({ note: 'sendBackNote' })
    expect(missingFields(sendBack, { reason: 'knowledgeBaseAnswers', note: '见知识库', articleId: null })).toEqual({ articleId: 'linkArticle' })
    expect(missingFields(specOf('return')!, { reason: 'x', basis: '', suggestedUnitId: null })).toEqual({ basis: 'returnBasis', suggestedUnitId: 'chooseUnit' })
    // A number in range is the server's to judge (issue 14, item 3): only an empty one is missing.
    expect(missingFields(specOf('request-extension')!, { days: 9, reason: '等待审批' })).toEqual({})
    expect(missingFields(specOf('request-extension')!, { days: null, reason: '等待审批' })).toEqual({ days: 'required' })
  })

  it('asks for the centre\'s answer at accept-reply only when the centre answers in one voice, from the unit\'s reply', () => {
    const spec = specOf('accept-reply')!
    const replied = { ...order, replies: [{ result: '初次答复' }, { result: '已督促物业修复电梯' }] } as unknown as WorkOrder
    const unit = initialDraft(spec, replied, { proposedUnitId: null })
    expect(bodyOf(spec, unit, 4)).toEqual({ version: 4, skipCallback: false, note: null })
    expect(missingFields(spec, unit)).toEqual({})

    const centre = initialDraft(spec, replied, { proposedUnitId: null, centreAnswers: true })
    expect(centre.citizenAnswer).toBe('已督促物业修复电梯')
    expect(bodyOf(spec, centre, 4)).toEqual({ version: 4, skipCallback: false, note: null, citizenAnswer: '已督促物业修复电梯' })
    expect(missingFields(spec, { ...centre, citizenAnswer: ' ' })).toEqual({ citizenAnswer: 'citizenAnswer' })
    // Closed without a callback, nobody is answered by the centre: the server takes no answer then.
    expect(missingFields(spec, { ...centre, citizenAnswer: '', skipCallback: true })).toEqual({})
  })

  it('has a message in both languages for every field that can be missing', () => {
    const server = [zhCN, en].map((l) => (l as { errors: { server: Record<string, string> } }).errors.server)
    const keys = new Set(ACTIONS.flatMap((a) => a.fields.filter((f) => f.required).map((f) => f.missing ?? 'required')).concat(['required', 'choose', 'chooseUnit']))
    for (const key of keys) for (const messages of server) expect(messages[key], key).toBeTruthy()
  })
})
