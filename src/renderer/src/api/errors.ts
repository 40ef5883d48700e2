import type { ApiErrorBody, ErrorCode, FieldIssue, Refusal } from '../../../shared/api/result';

/**
 * The codes a call can fail with: the server's codes, plus two that only the client can know:
 * `disconnected` (the connection dropped before the answer came) and `unreachable` (no server).
 */
export type ClientErrorCode = ErrorCode | 'disconnected' | 'unreachable';

/** What `call`, `login` and the other client functions throw. */
export class CallError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly issues: FieldIssue[] = [],
    /** Why the state of the record does not allow the action (code 'refused'). */
    readonly refusal: Refusal | null = null,
  ) {
    super(message);
    this.name = 'CallError';
  }

  static fromBody(body: ApiErrorBody): CallError {
    return new CallError(body.code, body.message, body.issues ?? [], body.refusal ?? null);
  }
}

/** Any failure as a CallError, so the UI has one thing to translate. */
export function toCallError(e: unknown): CallError {
  if (e instanceof CallError) return e;
  return new CallError('internal', e instanceof Error ? e.message : String(e));
}
