import type { TFunction } from 'i18next';
import type { ClientErrorCode } from '../api/errors';

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
