import type { Schemas } from '@/api/client'
import { call, portalHttp } from '../api'

export type ServiceGrade = Schemas['ServiceGrade']
export type ServiceRatingGiven = Schemas['ServiceRatingGiven']

/** The five 好差评 grades, best first; the last two are 差评 (a comment is required and the centre follows up). */
export const serviceGrades: ServiceGrade[] = ['verySatisfied', 'satisfied', 'basicallySatisfied', 'unsatisfied', 'veryUnsatisfied']

export const isBadGrade = (g: ServiceGrade | null): boolean => g === 'unsatisfied' || g === 'veryUnsatisfied'

/** The public 好差评 of a closed request's service (issue 18), once per request. */
export const serviceRatingApi = {
  rate: (number: string, grade: ServiceGrade, comment: string | null) =>
    call(portalHttp.POST('/api/citizen/submissions/{number}/service-rating', { params: { path: { number } }, body: { grade, comment } })) as Promise<ServiceRatingGiven>,
}
