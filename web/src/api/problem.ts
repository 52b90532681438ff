/**
 * An error answered by the server as RFC 9457 problem details: a stable `code`, a `title`, and for validation
 * failures `errors` keyed by field ("name", "liaisons[0].phone", "days[3].date").
 */
export class ApiError extends Error {
  readonly status: number
  readonly code: string
  readonly fieldErrors: Readonly<Record<string, string[]>>
  readonly details: Readonly<Record<string, unknown>>

  constructor(status: number, code: string, title: string, fieldErrors: Record<string, string[]> = {}, details: Record<string, unknown> = {}) {
    super(title)
    this.name = 'ApiError'
    this.status = status
    this.code = code
    this.fieldErrors = fieldErrors
    this.details = details
  }

  /** Builds the error from a response status and its (possibly empty or non-JSON) body. */
  static from(status: number, body: unknown): ApiError {
    const problem = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>
    const code = typeof problem.code === 'string' ? problem.code : fallbackCode(status)
    const title = typeof problem.title === 'string' ? problem.title : `HTTP ${status}`
    const fieldErrors: Record<string, string[]> = {}
    if (typeof problem.errors === 'object' && problem.errors !== null) {
      for (const [field, messages] of Object.entries(problem.errors as Record<string, unknown>)) {
        fieldErrors[field] = Array.isArray(messages) ? messages.map(String) : [String(messages)]
      }
    }
    return new ApiError(status, code, title, fieldErrors, problem)
  }

  static network(cause: unknown): ApiError {
    return new ApiError(0, 'network', cause instanceof Error ? cause.message : String(cause))
  }

  get isValidation(): boolean {
    return Object.keys(this.fieldErrors).length > 0
  }
}

function fallbackCode(status: number): string {
  switch (status) {
    case 401:
      return 'auth.required'
    case 403:
      return 'auth.forbidden'
    case 404:
      return 'not_found'
    case 409:
      return 'conflict'
    case 429:
      return 'too_many_requests'
    default:
      return status >= 500 ? 'internal_error' : 'bad_request'
  }
}
