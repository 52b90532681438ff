import { describe, expect, it } from 'vitest'
import { emptyDraft, emptyOutcome, hasContent, missingContent, missingOutcome, phoneLooksWrong, registerRequest } from './draft'

describe('intake draft', () => {
  it('sends only the fields of the chosen outcome, with trimmed text and empty text left out', () => {
    const draft = { ...emptyDraft(), subject: '  电梯故障 ', events: '停运两周', requestType: 'complaint' as const, categoryCode: '010101' }
    const outcome = { ...emptyOutcome(), kind: 'reject' as const, reason: 'statutoryRoute' as const, transferredTo: 'police110' as const, answer: 'left over' }
    const body = registerRequest(draft, outcome, 5)
    expect(body.subject).toBe('电梯故障')
    expect(body.demand).toBeNull()
    expect(body.outcome).toMatchObject({ kind: 'reject', reason: 'statutoryRoute', transferredTo: null, answer: null, proposedUnitId: null })
  })

  it('sends the proposed unit with a dispatch, and the provincial reference only for the provincial channel', () => {
    const draft = { ...emptyDraft(), provincialReference: 'HN-1' }
    expect(registerRequest(draft, emptyOutcome(), 7).outcome).toMatchObject({ kind: 'dispatch', proposedUnitId: 7 })
    expect(registerRequest(draft, emptyOutcome(), 7).provincialReference).toBeNull()
    expect(registerRequest({ ...draft, channel: 'province' }, emptyOutcome(), null).provincialReference).toBe('HN-1')
  })

  it('knows whether anything was typed', () => {
    expect(hasContent(emptyDraft())).toBe(false)
    const d = emptyDraft()
    d.caller.phone = '138'
    expect(hasContent(d)).toBe(true)
  })

  it('judges a phone number as it is typed: a letter or too many digits at once, too few only at registration', () => {
    expect(phoneLooksWrong('1395555666a')).toBe(true)
    expect(phoneLooksWrong('139-5555 6666')).toBe(false)
    expect(phoneLooksWrong('+')).toBe(false)
    expect(phoneLooksWrong('+86 139')).toBe(false)
    expect(phoneLooksWrong('13')).toBe(false)
    expect(phoneLooksWrong('1'.repeat(21))).toBe(true)
    expect(phoneLooksWrong('-139')).toBe(true)
  })

  it('names the required fields still empty before anything is sent, a dispatch needing the region and the demand too', () => {
    const draft = { ...emptyDraft(), subject: ' ', caller: { ...emptyDraft().caller, phone: '13800000000' } }
    expect(missingContent(draft, false)).toEqual({ requestType: 'choose', categoryCode: 'choose', subject: 'required', events: 'required' })
    expect(Object.keys(missingContent(draft, true))).toEqual(['requestType', 'categoryCode', 'location.regionCode', 'subject', 'events', 'demand'])
    const anonymous = { ...draft, caller: { ...draft.caller, phone: '', isAnonymous: true }, channel: 'province' as const }
    expect(missingContent(anonymous, false)).not.toHaveProperty(['caller.phone'])
    expect(missingContent(anonymous, false)).toHaveProperty('provincialReference', 'provincialReference')
    expect(missingContent({ ...anonymous, caller: { ...anonymous.caller, isAnonymous: false } }, false)).toHaveProperty(['caller.phone'], 'givePhone')
  })

  it('names the fields the chosen outcome still needs, as the server names them', () => {
    expect(missingOutcome(emptyOutcome())).toEqual({})
    expect(missingOutcome({ ...emptyOutcome(), kind: 'answerDirectly', answer: '  ' })).toEqual({ answer: 'giveAnswer' })
    expect(missingOutcome({ ...emptyOutcome(), kind: 'threeWayCall' })).toEqual({ 'outcome.unitId': 'chooseUnit', 'threeWayCall.result': 'threeWayResult' })
    expect(missingOutcome({ ...emptyOutcome(), kind: 'reject', reason: 'emergency' })).toEqual({ transferredTo: 'transferTo' })
    expect(missingOutcome({ ...emptyOutcome(), kind: 'reject', reason: 'statutoryRoute' })).toEqual({})
  })

  // Issue 15 (S3): handled directly by the centre, the one-go notice, the party's address, the wish for a callback.
  it('sends what the centre did for 直接办理, the one-go notice whatever the outcome, the party\'s address and the callback wish', () => {
    const draft = { ...emptyDraft(), partyAddress: ' 和平路8号 ', citizenWantsCallback: true }
    const outcome = { ...emptyOutcome(), kind: 'handleDirectly' as const, centreAction: ' 已联系物业 ', oneGoNotice: ' 请带身份证 ', answer: 'left over' }
    const body = registerRequest(draft, outcome, 5)
    expect(body.outcome).toMatchObject({ kind: 'handleDirectly', centreAction: '已联系物业', answer: null, proposedUnitId: null })
    expect(body.oneGoNotice).toBe('请带身份证')
    expect(body.partyAddress).toBe('和平路8号')
    expect(body.citizenWantsCallback).toBe(true)
    expect(missingOutcome({ ...emptyOutcome(), kind: 'handleDirectly' })).toEqual({ 'outcome.centreAction': 'centreAction' })
    expect(registerRequest(emptyDraft(), emptyOutcome(), null).oneGoNotice).toBeNull()
  })
})
