import type { Role } from '@/api/client'

/**
 * Who writes and who reviews knowledge: the server's policies knowledge-author, knowledge-review and knowledge-maintain
 * (src/Hotline/Infrastructure/Security/Policies.cs). The workbench uses them to choose screens and buttons; the server
 * decides (a reviewer never approves their own submission, a unit only maintains its own articles).
 */
export const KNOWLEDGE_ROLES = {
  author: ['unitHandler', 'unitLiaison', 'unitLeader', 'expertSeat'],
  review: ['teamLeader', 'expertSeat', 'centreManager'],
  maintain: ['unitHandler', 'unitLiaison', 'unitLeader', 'expertSeat', 'teamLeader', 'centreManager'],
} as const satisfies Record<string, readonly Role[]>

export type ArticleStepName = 'submit' | 'recall' | 'approve' | 'reject' | 'withdraw'

/** The workflow steps an article's status allows, for a person with these powers (the server's transition table). */
export function stepsFor(status: string, can: { author: boolean; review: boolean; maintain: boolean }): ArticleStepName[] {
  const steps: ArticleStepName[] = []
  if (status === 'draft' && can.author) steps.push('submit')
  if (status === 'inReview' && can.author) steps.push('recall')
  if (status === 'inReview' && can.review) steps.push('approve', 'reject')
  if (status === 'published' && can.maintain) steps.push('withdraw')
  return steps
}

/** Whether the working copy may be edited now (not while a reviewer has it). */
export function editable(status: string): boolean {
  return status !== 'inReview'
}
