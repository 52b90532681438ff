import { describe, expect, it } from 'vitest'
import type { Article } from '@/api/client'
import { contentRequest, draftOf, emptyArticle } from './articleDraft'
import { editable, stepsFor } from './roles'

const content = {
  kind: 'notice',
  title: '东城区计划停水',
  body: '3月5日8时至18时停水。',
  category: '供水',
  regionCodes: ['990102'],
  keywords: ['停水'],
  isCitizenVisible: true,
  effectiveFrom: null,
  expiresAt: '2026-03-06T00:00:00+08:00',
  periodStart: '2026-03-05T08:00:00+08:00',
  periodEnd: '2026-03-05T18:00:00+08:00',
}

describe('article drafts', () => {
  it('edits the working copy when there is one, else starts from the live version', () => {
    const live = { ...content, title: '已发布的标题' }
    expect(draftOf({ workingCopy: content, live } as unknown as Article).title).toBe('东城区计划停水')
    expect(draftOf({ workingCopy: null, live } as unknown as Article).title).toBe('已发布的标题')
    expect(draftOf({ workingCopy: null, live: null } as unknown as Article)).toEqual(emptyArticle())
  })

  it('copies lists, so that editing the form does not change the article it came from', () => {
    const article = { workingCopy: content, live: null } as unknown as Article
    const draft = draftOf(article)
    draft.keywords.push('自来水')
    expect(content.keywords).toEqual(['停水'])
  })

  it('sends trimmed text and key words without blanks, and a period only for a notice', () => {
    const draft = { ...draftOf({ workingCopy: content, live: null } as unknown as Article), title: '  东城区计划停水 ', keywords: [' 停水 ', '', '  '] }
    expect(contentRequest(draft)).toMatchObject({ title: '东城区计划停水', keywords: ['停水'], periodStart: content.periodStart, periodEnd: content.periodEnd })
    // An article that was a notice and became a FAQ keeps no period (the server would refuse one).
    expect(contentRequest({ ...draft, kind: 'faq' })).toMatchObject({ kind: 'faq', periodStart: null, periodEnd: null, expiresAt: content.expiresAt })
  })
})

describe('workflow steps', () => {
  const author = { author: true, review: false, maintain: true }
  const reviewer = { author: false, review: true, maintain: true }
  const expert = { author: true, review: true, maintain: true }

  it('offers each person the steps the server allows from the status', () => {
    expect(stepsFor('draft', author)).toEqual(['submit'])
    expect(stepsFor('draft', reviewer)).toEqual([])
    expect(stepsFor('inReview', author)).toEqual(['recall'])
    expect(stepsFor('inReview', reviewer)).toEqual(['approve', 'reject'])
    expect(stepsFor('inReview', expert)).toEqual(['recall', 'approve', 'reject'])
    expect(stepsFor('published', author)).toEqual(['withdraw'])
    expect(stepsFor('withdrawn', reviewer)).toEqual([])
  })

  it('locks the working copy while it is in review', () => {
    expect(editable('inReview')).toBe(false)
    expect(['draft', 'published', 'expired', 'withdrawn'].every(editable)).toBe(true)
  })
})
