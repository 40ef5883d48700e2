import { ActionIcon, Button, Group, Kbd, Paper, SimpleGrid, Stack, Switch, Text, TextInput, Tooltip } from '@mantine/core';
import { IconMicrophoneOff, IconPhone, IconPhoneIncoming, IconPhoneOutgoing, IconPlayerPause, IconSettings, IconX } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../../../shared/api/auth';
import type { Phone, PhoneState } from './phone';
import type { LoggedCall } from './softphone';
import { ScreenPopCard } from './screen-pop-card';
import { phaseLabel, registrationLabel } from './labels';
import { formatDuration } from '../../kit/format';
import { SipAccountForm } from './sip-account-form';
import { TransferBox } from './transfer-box';
import type { CallRecorder } from './recorder';
import { RecordingBadge } from './recording-badge';
import './softphone.css';

interface Props {
  me: Me;
  phone: Phone | null;
  state: PhoneState;
  configured: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  logged: LoggedCall | null;
  recorder: CallRecorder | null;
  onNewIntervention: () => void;
  onAccountSaved: () => void;
  canWriteInterventions: boolean;
}

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'];

function useTicker(on: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [on]);
  return now;
}


/**
 * The softphone as the operator sees it: a small pill at the bottom right, always there, that
 * opens into the phone (by F8 or a click, and by itself when a call rings). Every action also
 * has a key (F1 lists them).
 */
export function SoftphoneDock({ me, phone, state, configured, open, onOpenChange, logged, recorder, onNewIntervention, onAccountSaved, canWriteInterventions }: Props) {
  const { t } = useTranslation();
  const [settings, setSettings] = useState(false);
  const [number, setNumber] = useState('');
  const [transfer, setTransfer] = useState(false);
  const numberRef = useRef<HTMLInputElement>(null);
  const call = state.call;
  const now = useTicker(call?.phase === 'talking');

  // Opened with nothing going on: straight to the number to dial.
  useEffect(() => {
    if (open && !call && configured && !settings) numberRef.current?.focus();
  }, [open, call, configured, settings]);

  const status = !configured ? 'unconfigured' : state.registration;
  const statusLabel = registrationLabel(t, status);
  const color = status === 'registered' ? 'teal' : status === 'refused' || status === 'disconnected' ? 'red' : 'gray';

  const dial = (target: string) => {
    const n = target.trim();
    if (!n || !phone) return;
    void phone.dial(n);
    setNumber('');
  };

  // Closed: the status bar's SIP slot opens it (sip-status.tsx), and a ringing call does.
  if (!open) return null;

  return (
    <Paper className={`sp-dock${call?.phase === 'ringing' ? ' sp-ringing' : ''}`} shadow="lg" withBorder p="sm" data-testid="softphone">
      <Group justify="space-between" mb={6} wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <span className={`sp-dot sp-dot-${color}`} />
          <Text size="sm" fw={600}>
            {t('calls.title')}
          </Text>
          <Text size="xs" c="dimmed" data-testid="softphone-status" data-state={status} title={state.refusal ?? undefined}>
            {statusLabel}
            {state.refusal ? ` (${state.refusal})` : ''}
          </Text>
        </Group>
        <Group gap={2} wrap="nowrap">
          <Tooltip label={t('calls.settings')}>
            <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => setSettings((s) => !s)} aria-label={t('calls.settings')} data-testid="softphone-settings">
              <IconSettings size={14} />
            </ActionIcon>
          </Tooltip>
          <ActionIcon variant="subtle" color="gray" size="sm" onClick={() => onOpenChange(false)} aria-label={t('calls.close')} data-testid="softphone-close">
            <IconX size={14} />
          </ActionIcon>
        </Group>
      </Group>

      {(settings || !configured) && (
        <SipAccountForm
          onSaved={() => {
            setSettings(false);
            onAccountSaved();
          }}
          onCancel={configured ? () => setSettings(false) : null}
        />
      )}

      {configured && !settings && (
        <Stack gap={8}>
          <Switch
            size="xs"
            label={`${t('calls.dnd')} (Shift+F9)`}
            checked={state.doNotDisturb}
            onChange={(e) => phone?.setDoNotDisturb(e.currentTarget.checked)}
            data-testid="softphone-dnd"
          />
          {call ? (
            <Paper withBorder p={8} radius="sm" className="sp-call" data-testid="softphone-call" data-phase={call.phase} data-direction={call.direction}>
              <Group justify="space-between" wrap="nowrap">
                <Group gap={6} wrap="nowrap">
                  {call.direction === 'in' ? <IconPhoneIncoming size={16} /> : <IconPhoneOutgoing size={16} />}
                  <div>
                    <Text size="sm" fw={600} data-testid="softphone-number">
                      {call.name && call.name !== call.number ? `${call.name} · ` : ''}
                      {call.number}
                    </Text>
                    <Text size="xs" c="dimmed" data-testid="softphone-phase">
                      {phaseLabel(t, call.phase)}
                      {call.phase === 'talking' && call.answeredAt ? ` · ${formatDuration(Math.max(0, (now - call.answeredAt) / 1000))}` : ''}
                      {call.held ? ` · ${t('calls.held')}` : ''}
                      {call.muted ? ` · ${t('calls.muted')}` : ''}
                      {call.endReason ? ` · ${call.endReason}` : ''}
                    </Text>
                  </div>
                </Group>
                {call.held && <IconPlayerPause size={16} />}
                {call.muted && <IconMicrophoneOff size={16} />}
              </Group>
              {recorder && <RecordingBadge recorder={recorder} />}
              {logged && <ScreenPopCard pop={logged.pop} onNewIntervention={canWriteInterventions ? onNewIntervention : null} />}
              <Group gap={6} mt={8}>
                {call.phase === 'ringing' && call.direction === 'in' && (
                  <Button size="xs" color="teal" onClick={() => void phone?.answer()} data-testid="softphone-answer" rightSection={<Kbd size="xs">F8</Kbd>}>
                    {t('calls.answer')}
                  </Button>
                )}
                {call.phase !== 'ended' ? (
                  <Button size="xs" color="red" onClick={() => void phone?.hangUp()} data-testid="softphone-hangup" rightSection={<Kbd size="xs">F9</Kbd>}>
                    {call.phase === 'ringing' && call.direction === 'in' ? t('calls.reject') : t('calls.hangUp')}
                  </Button>
                ) : (
                  <Button size="xs" variant="default" onClick={() => phone?.dismiss()} data-testid="softphone-dismiss">
                    {t('calls.dismiss')}
                  </Button>
                )}
                {call.phase === 'talking' && (
                  <>
                    <Button size="xs" variant="default" onClick={() => void phone?.toggleHold()} data-testid="softphone-hold">
                      {call.held ? t('calls.resume') : t('calls.hold')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => phone?.toggleMute()} data-testid="softphone-mute">
                      {call.muted ? t('calls.unmute') : t('calls.mute')}
                    </Button>
                    <Button size="xs" variant="default" onClick={() => setTransfer((x) => !x)} data-testid="softphone-transfer">
                      {t('calls.transfer')}
                    </Button>
                  </>
                )}
              </Group>
              {transfer && call.phase === 'talking' && phone && <TransferBox phone={phone} consult={state.consult} onDone={() => setTransfer(false)} />}
              {call.phase === 'talking' && (
                <SimpleGrid cols={6} spacing={4} mt={8}>
                  {KEYS.map((k) => (
                    <Button key={k} size="compact-xs" variant="default" onClick={() => void phone?.dtmf(k)} data-testid={`softphone-dtmf-${k}`}>
                      {k}
                    </Button>
                  ))}
                </SimpleGrid>
              )}
              {state.lastToneIn && call.phase === 'talking' && (
                <Text size="xs" mt={6} data-testid="softphone-tone-in" data-tone={state.lastToneIn}>
                  {t('calls.toneIn', { tone: state.lastToneIn })}
                </Text>
              )}
              {state.stats && (
                <Text
                  size="xs"
                  c="dimmed"
                  mt={6}
                  data-testid="softphone-media"
                  data-packets-in={state.stats.packetsIn}
                  data-packets-out={state.stats.packetsOut}
                  data-local={state.stats.localAddress ?? ''}
                  data-remote={state.stats.remoteAddress ?? ''}
                >
                  {t('calls.media', { in: state.stats.packetsIn, out: state.stats.packetsOut })}
                  {state.stats.localAddress ? ` · ${state.stats.localAddress} ↔ ${state.stats.remoteAddress ?? '?'}` : ''}
                </Text>
              )}
            </Paper>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                dial(number);
              }}
            >
              <Group gap={6} wrap="nowrap" align="flex-end">
                <TextInput
                  ref={numberRef}
                  size="xs"
                  className="sp-grow"
                  label={t('calls.numberToDial')}
                  value={number}
                  onChange={(e) => setNumber(e.currentTarget.value)}
                  data-testid="softphone-dial-number"
                  disabled={state.registration !== 'registered'}
                />
                <Button size="xs" type="submit" color="teal" leftSection={<IconPhone size={14} />} disabled={state.registration !== 'registered' || !number.trim()} data-testid="softphone-dial">
                  {t('calls.call')}
                </Button>
              </Group>
              <SimpleGrid cols={3} spacing={4} mt={6}>
                {KEYS.map((k) => (
                  <Button key={k} size="compact-sm" variant="default" onClick={() => setNumber((n) => n + k)} tabIndex={-1}>
                    {k}
                  </Button>
                ))}
              </SimpleGrid>
            </form>
          )}
          <Text size="xs" c="dimmed">
            {me.displayName} · {t('calls.keysHint')}
          </Text>
        </Stack>
      )}
    </Paper>
  );
}
