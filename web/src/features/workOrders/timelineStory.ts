import type { TimelineEntry } from '@/api/client'
import type { Translate } from '@/api/serverMessages'
import { camel, roleKeys } from './present'

/** One timeline entry told as a sentence: who (role, unit), what, why, and the facts that came with it. */
export interface Story {
  who: string
  headline: string
  why: { label: string; text: string } | null
  status: string | null
  facts: string[]
}

export interface StoryContext {
  t: Translate
  te: (key: string) => boolean
  formatTime: (iso: string) => string
  categoryName: (code: string) => string
  regionName: (code: string) => string
}

/** Enum-valued details and the locale enum that names their values. */
const ENUM_OF: Readonly<Record<string, string>> = {
  channel: 'channel',
  reason: '', // depends on the action, see reasonEnum
  transferredTo: 'emergencyService',
  outcome: 'replyOutcome',
  processRating: 'rating',
  resultRating: 'rating',
  closeReason: 'closeReason',
  from: 'light',
  to: 'light',
  kind: 'reminderKind',
  clock: 'runningClock',
  requestType: 'requestType',
  urgency: 'urgency',
  // issue 15: the level a hard case reached, the centre's judgement of lateness
  level: 'hardCaseLevel',
  judgement: 'latenessJudgement',
}

function reasonEnum(action: string): string | null {
  if (action === 'reject-at-intake') return 'rejectionReason'
  if (action === 'send-back') return 'sendBackReason'
  return null
}

export function tellStory(entry: TimelineEntry, ctx: StoryContext): Story {
  const { t, te } = ctx
  const d = entry.details ?? {}
  const enumText = (name: string | null, value: string | undefined): string => {
    if (value === undefined) return ''
    if (!name) return value
    const key = `enums.${name}.${camel(value)}`
    return te(key) ? t(key) : value
  }
  const value = (key: string): string => {
    const raw = d[key]
    if (raw === undefined || raw === null) return ''
    if (key === 'reason') return enumText(reasonEnum(entry.action), raw)
    if (key === 'handlingDue' || key === 'callbackDue') return ctx.formatTime(raw)
    return ENUM_OF[key] ? enumText(ENUM_OF[key]!, raw) : raw
  }

  const system = entry.actorName === 'system' && !entry.actorRoles
  const roles = roleKeys(entry.actorRoles).map((r) => (te(`roles.${r}`) ? t(`roles.${r}`) : r))
  const who = system ? t('timeline.system') : t('timeline.who', { name: entry.actorName, roles: roles.join(t('common.listSeparator')), unit: entry.actorUnitName })

  const params: Record<string, string> = {}
  for (const key of Object.keys(d)) params[key] = value(key)
  const headlineKey = headlineKeyFor(entry.action, d)
  const headline = te(headlineKey) ? t(headlineKey, params) : entry.action

  const facts: string[] = []
  const fact = (key: string, when = d[key] !== undefined && d[key] !== null && d[key] !== '') => {
    if (when && te(`timeline.facts.${key}`)) facts.push(t(`timeline.facts.${key}`, params))
  }
  switch (entry.action) {
    case 'dispatch':
    case 'redispatch':
      fact('coUnits')
      fact('handlingDue')
      fact('dutyLeaderNotified')
      break
    case 'answer-directly':
    case 'send-back':
      fact('articleId')
      break
    case 'reject-at-intake':
      fact('transferredTo')
      break
    case 'return':
      fact('basis')
      fact('suggestedUnit')
      fact('late')
      break
    case 'approve-extension':
    case 'redo':
      fact('handlingDue')
      break
    case 'progress-report':
      fact('committedDate')
      break
    case 'reply':
      fact('late')
      break
    case 'accept-reply':
      fact('callbackDue')
      fact('closeReason')
      break
    case 'callback':
      fact('unreachable')
      fact('unitFailedToAct')
      break
    case 'handle-directly':
      fact('callbackDue')
      break
    // Issue 15: which clock a light change or an automatic reminder is about (dispatch, handling, callback, progress).
    case 'light-changed':
    case 'remind':
      fact('clock')
      break
    case 'link-repeat':
      fact('afterClosure')
      break
    case 'correct':
      facts.push(...correctionFacts(d, ctx, enumText))
      break
    case 'raise-emergency':
      fact('dutyTeamLeader')
      fact('dutySiteManager')
      break
    default:
      break
  }

  const why = entry.reason ? { label: t(te(`timeline.why.${entry.action}`) ? `timeline.why.${entry.action}` : 'timeline.why.default'), text: entry.reason } : null
  const status =
    entry.fromStatus && entry.toStatus ? t('timeline.status', { from: t(`status.${entry.fromStatus}`), to: t(`status.${entry.toStatus}`) }) : null
  return { who, headline, why, status, facts }
}

/** The headline's locale key; some actions read differently by what happened. */
function headlineKeyFor(action: string, d: Record<string, string>): string {
  switch (action) {
    case 'callback':
      return d.reached === 'false' ? 'timeline.callbackUnreached' : 'timeline.callback'
    case 'approve-return':
      return d.leadUnit ? 'timeline.approveReturnTo' : 'timeline.approveReturn'
    case 'remind':
      return d.kind === 'Automatic' ? 'timeline.remindAutomatic' : 'timeline.remind'
    case 'link-repeat':
      return d.repeatedBy ? 'timeline.linkRepeatedBy' : 'timeline.linkRepeat'
    case 'merge':
      return d.merged ? 'timeline.mergedHere' : 'timeline.merge'
    case 'accept-reply':
      return d.closeReason ? 'timeline.acceptReplyClose' : 'timeline.acceptReply'
    default:
      return `timeline.${action}`
  }
}

/** A correction's changes, field by field: "诉求类型：投诉 → 咨询"; caller identity only as "changed". */
function correctionFacts(d: Record<string, string>, ctx: StoryContext, enumText: (name: string | null, v: string | undefined) => string): string[] {
  const { t, te } = ctx
  const lines: string[] = []
  for (const [field, change] of Object.entries(d)) {
    const label = te(`timeline.fields.${field}`) ? t(`timeline.fields.${field}`) : field
    if (field === 'caller') {
      lines.push(t('timeline.facts.callerChanged'))
      continue
    }
    if (field === 'events') {
      lines.push(t('timeline.facts.fieldChanged', { field: label }))
      continue
    }
    const [before, after] = (change ?? '').split(' → ')
    const show = (v: string | undefined): string => {
      if (!v) return t('common.none')
      if (field === 'categoryCode') return ctx.categoryName(v)
      if (field === 'location.regionCode') return ctx.regionName(v)
      if (field === 'requestType' || field === 'urgency') return enumText(field, v)
      return v
    }
    lines.push(t('timeline.facts.fieldFromTo', { field: label, before: show(before), after: show(after) }))
  }
  return lines
}
