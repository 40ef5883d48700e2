import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatPhone } from '../../../shared/domain/phone';
import { requestDial } from './dial';
import './phone-link.css';

/**
 * A phone number shown anywhere (a client, a contact, a grid cell): a click calls it through
 * the softphone. It stops the click there, so the row or card under it does not open too.
 */
export function PhoneLink({ number, testid }: { number: string; testid?: string }) {
  const { t } = useTranslation();
  return <PhoneAnchor number={number} testid={testid} t={t} />;
}

/**
 * The link itself, with the caller's `t`: a grid page draws a hundred of them, and a
 * useTranslation per cell (a subscription to the language each) showed in the scroll profile.
 */
export function PhoneAnchor({ number, testid, t }: { number: string; testid?: string | undefined; t: TFunction }) {
  const call = (e: MouseEvent) => {
    e.preventDefault();
    e.stopPropagation();
    if (!requestDial(number)) notifications.show({ color: 'orange', message: t('calls.log.noSoftphone') });
  };
  return (
    <a href={`tel:${number}`} className="phone-link" onClick={call} title={t('calls.clickToCall')} data-testid={testid ?? 'phone-link'} data-number={number}>
      {formatPhone(number)}
    </a>
  );
}
