import type { TFunction } from 'i18next';
import type { Refusal } from '../../../shared/api/result';
import type { CallError, ClientErrorCode } from '../api/errors';

/** One sentence a person can act on, for each way a call can fail. */
export function errorText(t: TFunction, code: ClientErrorCode): string {
  switch (code) {
    case 'bad_request':
      return t('errors.badRequest');
    case 'validation':
      return t('errors.validation');
    case 'unauthenticated':
      return t('errors.unauthenticated');
    case 'forbidden':
      return t('errors.forbidden');
    case 'not_found':
      return t('errors.notFound');
    case 'conflict':
      return t('errors.conflict');
    case 'refused':
      return t('errors.refused');
    case 'unknown_method':
      return t('errors.unknownMethod');
    case 'too_large':
      return t('errors.tooLarge');
    case 'internal':
      return t('errors.internal');
    case 'disconnected':
      return t('errors.disconnected');
    case 'unreachable':
      return t('errors.unreachable');
  }
}

/** Why the record's state does not allow the action, in the user's language. */
export function refusalText(t: TFunction, r: Refusal): string {
  switch (r.reason) {
    case 'closed':
      return r.status === 'finalized' ? t('errors.refusals.closedFinalized') : t('errors.refusals.closedCancelled');
    case 'alreadyValidated':
      return t('errors.refusals.alreadyValidated');
    case 'finalizeNeedsPlan':
      return t('errors.refusals.finalizeNeedsPlan');
    case 'rejectedBy':
      return t('errors.refusals.rejectedBy', { names: r.names });
    case 'confirmNeedsPlan':
      return t('errors.refusals.confirmNeedsPlan');
    case 'confirmNeedsTechnicians':
      return t('errors.refusals.confirmNeedsTechnicians');
  }
}

/**
 * The sentence for a failed call: its real reason when the state refused it, else what the code
 * means followed by the server's words.
 */
export function callErrorText(t: TFunction, err: CallError): string {
  if (err.refusal) return refusalText(t, err.refusal);
  return `${errorText(t, err.code)} ${err.message}`;
}
