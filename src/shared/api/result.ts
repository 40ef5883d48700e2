/** Error codes a call can fail with; the renderer translates them for the user. */
export type ErrorCode =
  | 'bad_request'
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'refused'
  | 'unknown_method'
  | 'too_large'
  | 'internal';

export interface FieldIssue {
  /** Dotted path of the offending field, '' for the whole input. */
  path: string;
  message: string;
}

/**
 * Why an action is not possible in the record's present state (code 'refused'), as a key the
 * renderer translates, with what the sentence names. 'conflict' is kept for one thing only:
 * another writer changed the record since the caller read it.
 */
export type Refusal =
  | { reason: 'closed'; status: 'finalized' | 'cancelled' }
  | { reason: 'alreadyValidated' }
  | { reason: 'finalizeNeedsPlan' }
  | { reason: 'rejectedBy'; names: string }
  | { reason: 'confirmNeedsPlan' }
  | { reason: 'confirmNeedsTechnicians' };

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  issues?: FieldIssue[];
  refusal?: Refusal;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiErrorBody };

/** Thrown by handlers and services; the dispatcher turns it into `{ ok: false, error }`. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: FieldIssue[],
    readonly refusal?: Refusal,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return {
      code: this.code,
      message: this.message,
      ...(this.issues ? { issues: this.issues } : {}),
      ...(this.refusal ? { refusal: this.refusal } : {}),
    };
  }
}

/** An action the record's state does not allow: the English message for logs, the refusal for the UI. */
export function refused(refusal: Refusal, message: string): ApiError {
  return new ApiError('refused', message, undefined, refusal);
}
