import { ActionIcon, Alert, Button, Group, Kbd, Loader, SegmentedControl, Slider, Text, Tooltip } from '@mantine/core';
import { IconDownload, IconPlayerPauseFilled, IconPlayerPlayFilled, IconRewindBackward5, IconRewindForward5 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDuration } from '../../kit/format';
import { SPEEDS, type PlayerControls, type PlayerState } from './use-recording-player';

interface Props {
  state: PlayerState;
  controls: PlayerControls;
  /** Where wavesurfer draws. */
  waveRef: React.RefObject<HTMLDivElement | null>;
  onDownload: () => void;
}

/** The waveform (operator above, caller below) and its transport: play, ±5 s, speed, each side's volume, save. */
export function RecordingPlayer({ state, controls, waveRef, onDownload }: Props) {
  const { t } = useTranslation();
  const ready = state.phase === 'ready';
  return (
    <div className="rv-player" data-testid="review-player" data-phase={state.phase} data-playing={state.playing} data-time={state.time.toFixed(2)} data-duration={state.duration.toFixed(2)} data-rate={state.rate}>
      <div className="rv-wave-box">
        <div className="rv-sides" aria-hidden>
          <Text size="xs" c="blue.7">
            {t('recordings.player.operator')}
          </Text>
          <Text size="xs" c="teal.7">
            {t('recordings.player.caller')}
          </Text>
        </div>
        <div className="rv-wave" ref={waveRef} data-testid="review-wave" />
        {state.phase === 'loading' && (
          <Group className="rv-wave-over" gap="xs">
            <Loader size="xs" />
            <Text size="xs" c="dimmed">
              {t('recordings.player.loading')}
            </Text>
          </Group>
        )}
      </div>
      {state.phase === 'failed' && (
        <Alert color="red" p={6} data-testid="review-player-error">
          {t('recordings.player.failed', { reason: state.error ?? '' })}
        </Alert>
      )}
      <Group gap="xs" wrap="nowrap" className="rv-transport">
        <Tooltip label={`${t('recordings.keys.back')} (←)`}>
          <ActionIcon variant="subtle" disabled={!ready} onClick={() => controls.skip(-5)} aria-label={t('recordings.keys.back')}>
            <IconRewindBackward5 size={18} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label={`${state.playing ? t('recordings.player.pause') : t('recordings.player.play')} (${t('recordings.keys.space')})`}>
          <ActionIcon size="lg" radius="xl" disabled={!ready} onClick={controls.playPause} aria-label={state.playing ? t('recordings.player.pause') : t('recordings.player.play')} data-testid="review-play">
            {state.playing ? <IconPlayerPauseFilled size={18} /> : <IconPlayerPlayFilled size={18} />}
          </ActionIcon>
        </Tooltip>
        <Tooltip label={`${t('recordings.keys.forward')} (→)`}>
          <ActionIcon variant="subtle" disabled={!ready} onClick={() => controls.skip(5)} aria-label={t('recordings.keys.forward')}>
            <IconRewindForward5 size={18} />
          </ActionIcon>
        </Tooltip>
        <Text size="xs" className="rv-time" data-testid="review-time">
          {formatDuration(state.time)} / {formatDuration(state.duration)}
        </Text>
        <Tooltip label={`${t('recordings.player.speed')} ([ ])`}>
          <SegmentedControl
            size="xs"
            disabled={!ready}
            value={String(state.rate)}
            onChange={(v) => controls.setRate(Number(v))}
            data={SPEEDS.map((s) => ({ value: String(s), label: `${s}×` }))}
            aria-label={t('recordings.player.speed')}
            data-testid="review-speed"
          />
        </Tooltip>
        <div className="rv-volume">
          <Text size="xs" c="blue.7">
            {t('recordings.player.operator')}
          </Text>
          <Slider size="xs" min={0} max={1.5} step={0.05} disabled={!ready} value={state.volumes[0]} onChange={(v) => controls.setVolume(0, v)} label={(v) => `${Math.round(v * 100)}%`} aria-label={t('recordings.player.operatorVolume')} data-testid="review-volume-operator" />
          <div className="rv-meter" data-testid="review-level-operator" data-level={state.levels[0].toFixed(3)} aria-hidden>
            <div style={{ width: `${Math.min(100, Math.sqrt(state.levels[0]) * 140)}%`, background: 'var(--mantine-color-blue-5)' }} />
          </div>
        </div>
        <div className="rv-volume">
          <Text size="xs" c="teal.7">
            {t('recordings.player.caller')}
          </Text>
          <Slider size="xs" color="teal" min={0} max={1.5} step={0.05} disabled={!ready} value={state.volumes[1]} onChange={(v) => controls.setVolume(1, v)} label={(v) => `${Math.round(v * 100)}%`} aria-label={t('recordings.player.callerVolume')} data-testid="review-volume-caller" />
          <div className="rv-meter" data-testid="review-level-caller" data-level={state.levels[1].toFixed(3)} aria-hidden>
            <div style={{ width: `${Math.min(100, Math.sqrt(state.levels[1]) * 140)}%`, background: 'var(--mantine-color-teal-5)' }} />
          </div>
        </div>
        <div style={{ flex: 1 }} />
        <Button size="compact-xs" variant="default" leftSection={<IconDownload size={14} />} onClick={onDownload} data-testid="review-download">
          {t('recordings.player.download')}
        </Button>
      </Group>
      <Text size="xs" c="dimmed" className="rv-hint">
        <Kbd size="xs">{t('recordings.keys.space')}</Kbd> {t('recordings.player.play')} · <Kbd size="xs">←</Kbd> <Kbd size="xs">→</Kbd> 5 s · <Kbd size="xs">[</Kbd> <Kbd size="xs">]</Kbd> {t('recordings.player.speed')} · <Kbd size="xs">N</Kbd> {t('recordings.notes.add')}
      </Text>
    </div>
  );
}
