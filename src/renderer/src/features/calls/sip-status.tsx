import { Text, UnstyledButton } from '@mantine/core';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { registrationLabel } from './labels';
import type { Registration } from './phone';

/*
 * The softphone's registration, for the status bar: the engine (softphone.tsx) tells it, the
 * shell's slot shows it. One value per window; none while the user has no softphone.
 */

type SipStatus = { state: Registration | 'unconfigured'; refusal: string | null; recording: 'recording' | 'paused' | null } | null;

let current: SipStatus = null;
const listeners = new Set<() => void>();
let opener: (() => void) | null = null;

export function setSipStatus(s: SipStatus): void {
  if (s?.state === current?.state && s?.refusal === current?.refusal && s?.recording === current?.recording) return;
  current = s;
  for (const l of [...listeners]) l();
}

/** The engine opens the softphone when the status bar's slot is clicked. */
export function onOpenSoftphone(f: () => void): () => void {
  opener = f;
  return () => {
    if (opener === f) opener = null;
  };
}

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

/**
 * "SIP: Ready" in the status bar ("not configured" without a softphone or an account); a click
 * (or F8) opens the softphone. It lives here, not floating over the screens, so it never covers
 * a button; the softphone itself shows over them only when opened or when a call rings.
 */
export function SipStatusText() {
  const { t } = useTranslation();
  const status = useSyncExternalStore(subscribe, () => current);
  const state = status?.state ?? null;
  const color = state === 'registered' ? 'teal.8' : state === 'refused' || state === 'disconnected' ? 'orange.8' : 'dimmed';
  const text = (
    <Text size="xs" style={{ whiteSpace: 'nowrap' }} data-testid="statusbar-sip-state" data-state={state ?? 'none'}>
      {t('status.sip')}:{' '}
      <Text span size="xs" c={color}>
        {state === null || state === 'unconfigured' ? t('common.notConfigured') : registrationLabel(t, state)}
        {status?.refusal ? ` (${status.refusal})` : ''}
      </Text>
      {status?.recording && (
        <Text span size="xs" fw={600} c={status.recording === 'paused' ? 'orange.8' : 'red.8'} data-testid="statusbar-recording" data-state={status.recording}>
          {' · '}
          {status.recording === 'paused' ? t('calls.recording.paused') : `● ${t('calls.recording.on')}`}
        </Text>
      )}
    </Text>
  );
  if (state === null) return text;
  return (
    <UnstyledButton onClick={() => opener?.()} title={t('calls.open')} data-testid="softphone-toggle">
      {text}
    </UnstyledButton>
  );
}
