import { ActionIcon, Alert, Group, Text, Tooltip } from '@mantine/core';
import { IconPhoneIncoming, IconPhoneOutgoing, IconX } from '@tabler/icons-react';
import { forwardRef, useEffect, useMemo, useRef, useState, useEffectEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordingReview } from '../../../../shared/api/recordings';
import { useApi } from '../../api/context';
import { toCallError } from '../../api/errors';
import { downloadRecording } from '../../api/files';
import { formatDuration, gridFormat } from '../../kit/format';
import { RecordingNotes } from './recording-notes';
import { RecordingPlayer } from './recording-player';
import { ScorecardForm } from './scorecard-form';
import { SPEEDS, useRecordingPlayer } from './use-recording-player';

interface Props {
  recordingId: string;
  /** Esc: back to the list. */
  onClose: () => void;
  /** Over the screen: the dialog's focus trap gives the pane the focus (its keys work at once). */
  autoFocus?: boolean;
}

const typing = (e: KeyboardEvent) => {
  const el = e.target as HTMLElement;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable;
};

/**
 * One recording under review: who, when, how long; the player; notes at moments of the call;
 * the scorecard. Keys work anywhere in the pane outside a field (F1 lists them).
 */
export const RecordingReviewPane = forwardRef<HTMLDivElement, Props>(function RecordingReviewPane({ recordingId, onClose, autoFocus = false }, ref) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [review, setReview] = useState<RecordingReview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const waveRef = useRef<HTMLDivElement>(null);
  const noteRef = useRef<HTMLInputElement>(null);
  const markers = useMemo(() => (review?.notes ?? []).map((n) => ({ id: n.id, atMs: n.atMs, text: n.text })), [review?.notes]);
  const [player, controls] = useRecordingPlayer(waveRef, recordingId, markers);

  const load = useEffectEvent(() => {
    api.call('recordings.review', { id: recordingId }).then(setReview, (e: unknown) => setError(toCallError(e).message));
  });
  useEffect(() => {
    setReview(null);
    load();
  }, [recordingId]);
  useEffect(() => api.on('data.changed', ({ capability, ids }) => capability === 'calls' && (!review || ids.includes(review.recording.callId)) && load()), [api, review]);

  const download = () => downloadRecording(recordingId).catch((e: unknown) => setError(toCallError(e).message));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      if (typing(e)) (ref as React.RefObject<HTMLDivElement | null>).current?.focus();
      else onClose();
      return;
    }
    if (typing(e) || e.ctrlKey || e.altKey || e.metaKey) return;
    const rateStep = (d: number) => {
      const i = SPEEDS.indexOf(player.rate as (typeof SPEEDS)[number]);
      controls.setRate(SPEEDS[Math.max(0, Math.min(SPEEDS.length - 1, (i < 0 ? 2 : i) + d))]!);
    };
    const keys: Record<string, () => void> = {
      ' ': controls.playPause,
      ArrowLeft: () => controls.skip(-5),
      ArrowRight: () => controls.skip(5),
      Home: () => controls.seek(0),
      '[': () => rateStep(-1),
      ']': () => rateStep(1),
      n: () => noteRef.current?.focus(),
      N: () => noteRef.current?.focus(),
    };
    const act = keys[e.key];
    // A focused control keeps its own keys (Space presses a button, arrows move a slider).
    const control = (e.target as HTMLElement).closest('button, [role="slider"]');
    if (act && !(control && (e.key === ' ' || e.key.startsWith('Arrow') || e.key === 'Home'))) {
      e.preventDefault();
      act();
    }
  };

  const r = review?.recording;
  const fmt = gridFormat(i18n.language);
  return (
    <div ref={ref} className="rv-pane" tabIndex={-1} data-autofocus={autoFocus || undefined} onKeyDown={onKeyDown} data-testid="review-pane" data-recording-id={recordingId} aria-label={t('recordings.review')}>
      <Group justify="space-between" wrap="nowrap" className="rv-head">
        {r ? (
          <Group gap={8} wrap="nowrap" style={{ minWidth: 0 }}>
            {r.direction === 'in' ? <IconPhoneIncoming size={16} /> : <IconPhoneOutgoing size={16} />}
            <Text size="sm" fw={600} className="cl-ellipsis" data-testid="review-title">
              {r.clientName ?? r.number} · {fmt.dateTime(r.startedAt)}
            </Text>
            <Text size="xs" c="dimmed" className="cl-ellipsis">
              {r.clientName ? `${r.number} · ` : ''}
              {r.operator ?? '—'} · {r.durationMs === null ? '' : formatDuration(r.durationMs / 1000)}
              {r.pauses.length > 0 ? ` · ${t('recordings.pauses', { count: r.pauses.length })}` : ''}
              {r.status === 'interrupted' ? ` · ${t('recordings.status.interrupted')}` : ''}
            </Text>
          </Group>
        ) : (
          <span />
        )}
        <Tooltip label={`${t('recordings.close')} (Esc)`}>
          <ActionIcon variant="subtle" color="gray" onClick={onClose} aria-label={t('recordings.close')}>
            <IconX size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      {error && (
        <Alert color="orange" p={6} withCloseButton onClose={() => setError(null)} data-testid="review-error">
          {error}
        </Alert>
      )}
      <RecordingPlayer state={player} controls={controls} waveRef={waveRef} onDownload={() => void download()} />
      {review && (
        <div className="rv-columns">
          <RecordingNotes recordingId={recordingId} notes={review.notes} canWrite={review.canReview} now={controls.time} seek={controls.seek} inputRef={noteRef} onError={setError} />
          <ScorecardForm key={`${review.score?.scoredAt ?? 0}`} review={review} onError={setError} />
        </div>
      )}
    </div>
  );
});
