import { notifications } from '@mantine/notifications';
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
