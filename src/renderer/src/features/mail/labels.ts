import type { TFunction } from 'i18next';
import type { InboxRow } from '../../../../shared/api/mail';
import type { MailEvent } from '../../../../shared/api/settings';

/* The mail screens' words for values main sends, by literal keys (the catalogue test finds them). */

export function inboxStatusLabel(t: TFunction, status: InboxRow['status']): string {
  switch (status) {
    case 'unmatched':
      return t('inbox.statuses.unmatched');
    case 'attached':
      return t('inbox.statuses.attached');
    case 'dismissed':
      return t('inbox.statuses.dismissed');
    case 'matched':
      return t('inbox.statuses.matched');
    case 'automatic':
      return t('inbox.statuses.automatic');
    case 'refused':
      return t('inbox.statuses.refused');
  }
}

export function mailEventLabel(t: TFunction, event: MailEvent): string {
  switch (event) {
    case 'allocation':
      return t('mail.templates.events.allocation');
    case 'planChange':
      return t('mail.templates.events.planChange');
    case 'confirmation':
      return t('mail.templates.events.confirmation');
    case 'cancellation':
      return t('mail.templates.events.cancellation');
    case 'finalization':
      return t('mail.templates.events.finalization');
    case 'newMessage':
      return t('mail.templates.events.newMessage');
  }
}
