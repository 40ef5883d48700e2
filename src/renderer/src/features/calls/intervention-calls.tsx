import { ActionIcon, Group, Paper, Text, Tooltip } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOutgoing, IconPlayerPlay } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallRow } from '../../../../shared/api/call-log';
import { useApi } from '../../api/context';
import { gridFormat, formatDuration } from '../../kit/format';
import { RecordingReviewSlot, type InterventionCallsProps } from '../../kit/slots';
import { outcomeLabel } from './labels';


/**
 * The calls an intervention was made from or linked to, at the top of its thread: when, who
 * took it, how long, how it ended, and its recording where the reader may hear it (played over
 * the screen, the form stays as it is). Nothing for users without the right to see calls.
 */
export function InterventionCalls({ interventionId }: InterventionCallsProps) {
  const api = useApi();
  const { t, i18n } = useTranslation();
  const [calls, setCalls] = useState<CallRow[]>([]);
  const [listening, setListening] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      api.call('calls.forIntervention', { interventionId }).then(
        (rows) => live && setCalls(rows),
        // Without the calls right (a technician): the thread shows no calls.
        () => live && setCalls([]),
      );
    void load();
    const off = api.on('data.changed', ({ capability }) => capability === 'calls' && void load());
    return () => {
      live = false;
      off();
    };
  }, [api, interventionId]);
  if (calls.length === 0) return null;
  const fmt = gridFormat(i18n.language);
  return (
    <Paper withBorder p={8} radius="sm" data-testid="thread-calls">
      {calls.map((c) => (
        <Group key={c.id} gap={8} wrap="nowrap" data-testid="thread-call" data-outcome={c.outcome}>
          {c.direction === 'in' ? <IconPhoneIncoming size={14} /> : <IconPhoneOutgoing size={14} />}
          <Text size="xs">
            {c.direction === 'in' ? t('calls.thread.in', { number: c.e164 ?? c.number }) : t('calls.thread.out', { number: c.e164 ?? c.number })} ·{' '}
            {fmt.dateTime(c.startedAt)} · {c.operator ?? '—'} · {outcomeLabel(t, c.outcome)}
            {c.durationS === null ? '' : ` · ${formatDuration(c.durationS)}`}
          </Text>
          {c.recordingId && (
            <Tooltip label={t('calls.log.listen')}>
              <ActionIcon size="sm" variant="subtle" onClick={() => setListening(c.recordingId)} aria-label={t('calls.log.listen')} data-testid="thread-call-recording">
                <IconPlayerPlay size={14} />
              </ActionIcon>
            </Tooltip>
          )}
        </Group>
      ))}
      {listening && <RecordingReviewSlot recordingId={listening} onClose={() => setListening(null)} />}
    </Paper>
  );
}
