import { Button, Group, Kbd, Text } from '@mantine/core';
import { IconPlayerPause, IconPlayerRecordFilled } from '@tabler/icons-react';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallRecorder, RecorderState } from './recorder';

const none = { subscribe: () => () => undefined, getState: () => null };

/** The recorder's state as it changes; null without a recorder. */
export function useRecorderState(recorder: CallRecorder | null): RecorderState | null {
  return useSyncExternalStore(recorder?.subscribe ?? none.subscribe, recorder?.getState ?? none.getState);
}

/**
 * What the operator must always know on a recorded call: that it is recorded (a red dot), or
 * paused, with the key that pauses and resumes it.
 */
export function RecordingBadge({ recorder }: { recorder: CallRecorder }) {
  const { t } = useTranslation();
  const state = useRecorderState(recorder);
  if (!state || state.phase === 'done') return null;
  const paused = state.phase === 'paused';
  const label =
    state.phase === 'failed'
      ? t('calls.recording.failed', { reason: state.error ?? '' })
      : state.phase === 'finishing'
        ? t('calls.recording.saving')
        : paused
          ? t('calls.recording.paused')
          : t('calls.recording.on');
  return (
    <Group justify="space-between" gap={6} mt={8} wrap="nowrap" data-testid="recording-badge" data-phase={state.phase} data-size={state.sizeBytes}>
      <Group gap={4} wrap="nowrap" className="sp-ellipsis">
        {paused ? <IconPlayerPause size={14} color="var(--mantine-color-orange-7)" /> : <IconPlayerRecordFilled size={14} className={state.phase === 'recording' ? 'sp-rec' : undefined} color="var(--mantine-color-red-7)" />}
        <Text size="xs" fw={600} c={paused ? 'orange.8' : 'red.8'} className="sp-ellipsis" title={label}>
          {label}
        </Text>
      </Group>
      {(state.phase === 'recording' || paused) && (
        <Button size="compact-xs" variant="default" onClick={() => void recorder.togglePause()} data-testid="recording-pause" rightSection={<Kbd size="xs">F7</Kbd>}>
          {paused ? t('calls.recording.resume') : t('calls.recording.pause')}
        </Button>
      )}
    </Group>
  );
}
