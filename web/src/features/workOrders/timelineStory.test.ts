import { describe, expect, it } from 'vitest'
import { createI18n } from 'vue-i18n'
import type { TimelineEntry } from '@/api/client'
import zhCN from '@/locales/zh-CN.json'
import { tellStory, type StoryContext } from './timelineStory'

const i18n = createI18n({ legacy: false, locale: 'zh-CN', messages: { 'zh-CN': zhCN } })
const ctx: StoryContext = {
  t: (key, params) => i18n.global.t(key, params ?? {}),
  te: (key) => i18n.global.te(key),
  formatTime: (iso) => iso.slice(0, 16).replace('T', ' '),
  categoryName: (code) => (code === '010101' ? '物业服务质量' : code),
  regionName: (code) => code,
}

function entry(action: string, details: Record<string, string> = {}, extra: Partial<TimelineEntry> = {}): TimelineEntry {
  return {
    id: 1,
    at: '2026-03-02T09:00:00+08:00',
    action,
    actorName: '赵敏',
    actorRoles: 'Dispatcher',
    actorUnitName: '安澜市12345政务服务便民热线中心',
    reason: null,
    fromStatus: null,
    toStatus: null,
    details,
    ...extra,
  }
}

describe('timeline story', () => {
  it('tells who acted, in which role and unit, what happened and how the status moved', () => {
    const story = tellStory(
      entry('dispatch', { leadUnit: '东城区住房和城乡建设局', coUnits: '东华街道办事处', handlingDue: '2026-03-09T23:59:59+08:00' }, { fromStatus: 'awaitingDispatch', toStatus: 'dispatched' }),
      ctx,
    )
    expect(story.who).toBe('赵敏（派单座席 · 安澜市12345政务服务便民热线中心）')
    expect(story.headline).toBe('派单至东城区住房和城乡建设局')
    expect(story.status).toBe('待派单 → 待签收')
    expect(story.facts).toEqual(['协办单位：东华街道办事处', '办理时限：2026-03-09 23:59'])
  })

  it('gives the why with its own label, and translates enum values the timeline stores', () => {
    const story = tellStory(entry('callback', { reached: 'true', processRating: 'Satisfied', resultRating: 'BasicallySatisfied' }, { reason: '满意' }), ctx)
    expect(story.headline).toBe('回访：办理过程满意，办理结果基本满意')
    expect(story.why).toEqual({ label: '市民意见', text: '满意' })
    expect(tellStory(entry('return', { basis: '权属清单', suggestedUnit: '安澜燃气有限公司', late: 'true' }, { reason: '不属本单位' }), ctx).facts).toEqual([
      '依据：权属清单',
      '建议承办单位：安澜燃气有限公司',
      '已超过时限',
    ])
  })

  it('tells the system apart, and reads automatic reminders and light changes', () => {
    const reminder = tellStory(entry('remind', { kind: 'Automatic', unit: '东城区住建局' }, { actorName: 'system', actorRoles: '', actorUnitName: '12345' }), ctx)
    expect(reminder.who).toBe('系统')
    expect(reminder.headline).toBe('系统自动催办东城区住建局')
    expect(tellStory(entry('light-changed', { from: 'Yellow', to: 'Red' }), ctx).headline).toBe('预警灯：黄灯 → 红灯')
  })

  it('names the clock of a light change and of an automatic reminder (issue 15)', () => {
    expect(tellStory(entry('light-changed', { from: 'None', to: 'Red', clock: 'Dispatch' }), ctx).facts).toEqual(['所属时限：派单时限'])
    const reminder = tellStory(entry('remind', { kind: 'Automatic', clock: 'Progress' }, { actorName: 'system', actorRoles: '', actorUnitName: '12345' }), ctx)
    expect(reminder.facts).toEqual(['所属时限：续报承诺日期'])
  })

  it('lists a correction field by field, never the caller values', () => {
    const story = tellStory(entry('correct', { requestType: 'Complaint → Inquiry', categoryCode: '010102 → 010101', caller: 'changed (values not recorded)', events: 'changed' }), ctx)
    expect(story.facts).toEqual(['诉求类型：投诉 → 咨询', '业务分类：010102 → 物业服务质量', '来电人信息已修改（不记录具体内容）', '事件过程已修改'])
  })

  it('falls back to the action name for an action it does not know', () => {
    expect(tellStory(entry('something-new'), ctx).headline).toBe('something-new')
  })
})
