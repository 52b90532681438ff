import { describe, expect, it } from 'vitest'
import { inspectionFor, knowledgeDraftFor, notificationText, orderNotifications } from './notificationText'

const t = (key: string, values?: Record<string, unknown>) => `${key}${values ? JSON.stringify(values) : ''}`
const known = new Set(['notifications.kinds.yellowLight'])
const te = (key: string) => known.has(key)

describe('notificationText', () => {
  it('fills the kind with the facts, the number from the order when the facts lack it', () => {
    expect(notificationText({ kind: 'yellowLight', facts: { unit: '住建局' }, workOrderNumber: 'AL1', escalationLevel: 0 }, t, te)).toBe(
      'notifications.kinds.yellowLight{"unit":"住建局","number":"AL1"}',
    )
  })

  it('reads an unknown kind as a notification about the order, and says when it was escalated', () => {
    const text = notificationText({ kind: 'reminder', facts: { number: 'AL2' }, workOrderNumber: 'AL2', escalationLevel: 1 }, t, te)
    expect(text).toBe('notifications.escalated{"text":"notifications.unknownKind{\\"number\\":\\"AL2\\"}"}')
  })
})

describe('orderNotifications', () => {
  it('puts those waiting for an acknowledgement first, newest first within each', () => {
    const items = [
      { id: 1, requiresAcknowledgement: true, acknowledgedAt: null },
      { id: 2, requiresAcknowledgement: false, acknowledgedAt: null },
      { id: 3, requiresAcknowledgement: true, acknowledgedAt: '2026-03-02T09:00:00+08:00' },
      { id: 4, requiresAcknowledgement: true, acknowledgedAt: null },
    ]
    expect(orderNotifications(items).map((n) => n.id)).toEqual([4, 1, 3, 2])
  })
})

describe('knowledgeDraftFor', () => {
  it('drafts the article a warned issue asks for from its keywords, and nothing for another kind', () => {
    const reminder = { kind: 'knowledgeForIssue' as const, facts: { place: '新桥街道办事处', terms: '停水、 自来水公司、抢修', size: '12' } }
    expect(knowledgeDraftFor(reminder, t)).toEqual({ title: 'notifications.knowledgeTitle{"term":"停水"}', keywords: '停水、自来水公司、抢修' })
    expect(knowledgeDraftFor({ ...reminder, facts: { terms: '' } }, t)).toBeNull()
    expect(knowledgeDraftFor({ kind: 'reminder', facts: { terms: '停水' } }, t)).toBeNull()
  })
})

describe('inspectionFor', () => {
  it('opens the inspection a scored call is about, and nothing for other kinds or a bad id', () => {
    expect(inspectionFor({ kind: 'qualityScored', facts: { number: 'AL1', score: '95', inspectionId: '42' } })).toBe(42)
    expect(inspectionFor({ kind: 'qualityScored', facts: { inspectionId: 'x' } })).toBeNull()
    expect(inspectionFor({ kind: 'qualityScored', facts: {} })).toBeNull()
    expect(inspectionFor({ kind: 'yellowLight', facts: { inspectionId: '42' } })).toBeNull()
  })
})
