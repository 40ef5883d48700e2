import { Text } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationLabel } from './labels';
import type { Registration } from './phone';

/*
 * The softphone's registration, for the status bar: the engine (softphone.tsx) tells it, the
 * shell's slot shows it. One value per window; none while the user has no softphone.
 */

type SipStatus = Registration | 'unconfigured' | null;

let current: SipStatus = null;
const listeners = new Set<() => void>();

export function setSipStatus(s: SipStatus): void {
  if (s === current) return;
  current = s;
  for (const l of [...listeners]) l();
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/** "SIP: Ready" in the status bar; "not configured" when there is no softphone or no account. */
export function SipStatusText() {
  const { t } = useTranslation();
  const status = useSyncExternalStore(subscribe, () => current);
  const color = status === 'registered' ? 'teal.8' : status === 'refused' || status === 'disconnected' ? 'orange.8' : 'dimmed';
  return (
    <Text size="xs" style={{ whiteSpace: 'nowrap' }} data-testid="statusbar-sip-state" data-state={status ?? 'none'}>
      {t('status.sip')}:{' '}
      <Text span size="xs" c={color}>
        {status === null || status === 'unconfigured' ? t('common.notConfigured') : registrationLabel(t, status)}
      </Text>
    </Text>
  );
}
