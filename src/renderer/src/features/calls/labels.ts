import type { TFunction } from 'i18next';
import type { CallOutcome } from '../../../../shared/api/call-log';
import type { CallView, Registration } from './phone';

/* The softphone's words for its states, one literal key each (the catalogue test finds them). */

export function registrationLabel(t: TFunction, s: Registration | 'unconfigured'): string {
  switch (s) {
    case 'unconfigured':
      return t('calls.status.unconfigured');
    case 'connecting':
      return t('calls.status.connecting');
    case 'registered':
      return t('calls.status.registered');
    case 'refused':
      return t('calls.status.refused');
    case 'disconnected':
      return t('calls.status.disconnected');
    case 'stopped':
      return t('calls.status.stopped');
  }
}

export function phaseLabel(t: TFunction, p: CallView['phase']): string {
  switch (p) {
    case 'ringing':
      return t('calls.phase.ringing');
    case 'dialling':
      return t('calls.phase.dialling');
    case 'talking':
      return t('calls.phase.talking');
    case 'ended':
      return t('calls.phase.ended');
  }
}

export function outcomeLabel(t: TFunction, o: CallOutcome): string {
  switch (o) {
    case 'ringing':
      return t('calls.outcome.ringing');
    case 'answered':
      return t('calls.outcome.answered');
    case 'missed':
      return t('calls.outcome.missed');
    case 'rejected':
      return t('calls.outcome.rejected');
    case 'failed':
      return t('calls.outcome.failed');
    case 'transferred':
      return t('calls.outcome.transferred');
  }
}
