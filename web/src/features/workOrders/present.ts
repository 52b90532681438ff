import type { Light, WorkOrderStatus } from '@/api/client'
import type { Translate } from '@/api/serverMessages'

type Tone = 'primary' | 'success' | 'warning' | 'danger' | 'info'

/** The colour of a status tag: waiting at the centre (warning), with a unit (primary), under review (success), finished (info). */
export function statusTone(status: WorkOrderStatus): Tone {
  switch (status) {
    case 'awaitingDispatch':
    case 'sentBackToIntake':
      return 'warning'
    case 'dispatched':
    case 'inProgress':
      return 'primary'
    case 'returned':
    case 'hardCase': // issue 15: a hard case and a dispute wait for a decision above the usual desk
    case 'inArbitration':
      return 'danger'
    case 'replied':
    case 'awaitingCallback':
      return 'success'
    case 'closed':
    case 'notAccepted':
    case 'archived':
      return 'info'
  }
}

/** "剩 3 个工作日", "今日到期", "已超期 2 个工作日": the handling clock in working days (negative = overdue). */
export function daysLeftText(days: number | null | undefined, t: Translate): string {
  if (days === null || days === undefined) return ''
  if (days > 0) return t('workOrder.daysLeft', { n: days })
  if (days === 0) return t('workOrder.dueToday')
  return t('workOrder.daysOverdue', { n: -days })
}

export function daysLeftTone(days: number | null | undefined, light: Light): Tone {
  if (light === 'red' || (days !== null && days !== undefined && days < 0)) return 'danger'
  if (light === 'yellow' || days === 0 || days === 1) return 'warning'
  return 'info'
}

/** Hours and minutes to a wall-clock deadline (the emergency first response): "1 小时 20 分", or overdue by as much. */
export function wallClockLeft(due: string | null | undefined, now: number, t: Translate): { text: string; late: boolean } | null {
  if (!due) return null
  const ms = new Date(due).getTime() - now
  const minutes = Math.floor(Math.abs(ms) / 60_000)
  const text = t('workOrder.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 })
  return ms >= 0 ? { text: t('workOrder.timeLeft', { time: text }), late: false } : { text: t('workOrder.timeOverdue', { time: text }), late: true }
}

/** "UnitHandler,UnitLiaison" (as the timeline records roles) → the role keys of the locale files. */
export function roleKeys(actorRoles: string): string[] {
  return actorRoles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => r.charAt(0).toLowerCase() + r.slice(1))
}

/** An enum value as the timeline stores it ("BasicallySatisfied") → the API's camelCase ("basicallySatisfied"). */
export function camel(value: string): string {
  return value.charAt(0).toLowerCase() + value.slice(1)
}

/** The columns a queue may show; each queue picks the due time that matters to it. */
export type Column = 'subject' | 'status' | 'category' | 'leadUnit' | 'dispatchDue' | 'handlingDue' | 'callbackDue' | 'registeredAt'
