import { useEffect, useRef, useState, type RefObject } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin from 'wavesurfer.js/dist/plugins/regions.esm.js';
import { fetchRecording } from '../../api/files';
import { toCallError } from '../../api/errors';
import { ChannelMixer, decodeWaveform, findEnd } from './recording-audio';

export const SPEEDS = [0.5, 0.75, 1, 1.25, 1.5, 2] as const;

export interface PlayerState {
  phase: 'loading' | 'ready' | 'failed';
  error: string | null;
  /** Seconds. */
  time: number;
  duration: number;
  playing: boolean;
  rate: number;
  /** Operator's side, caller's side: 0-1.5. */
  volumes: [number, number];
  /** What each side sounds like now, after its volume (0-1, RMS). */
  levels: [number, number];
}

export interface PlayerControls {
  playPause: () => void;
  seek: (seconds: number) => void;
  skip: (seconds: number) => void;
  setRate: (rate: number) => void;
  setVolume: (channel: 0 | 1, volume: number) => void;
  time: () => number;
}

export interface Marker {
  id: string;
  atMs: number;
  text: string;
}

const COLOURS = { operator: '#228be6', caller: '#12b886', progress: 'rgba(0,0,0,0.35)' };

/**
 * One recording in the review screen: fetched once (one audited playback), drawn by wavesurfer
 * with the operator's side above the caller's, played through an <audio> element. Notes show as
 * markers on the waveform; a click on one goes there.
 */
export function useRecordingPlayer(container: RefObject<HTMLDivElement | null>, recordingId: string, markers: readonly Marker[]): [PlayerState, PlayerControls] {
  const [state, setState] = useState<PlayerState>({ phase: 'loading', error: null, time: 0, duration: 0, playing: false, rate: 1, volumes: [1, 1], levels: [0, 0] });
  const ws = useRef<WaveSurfer | null>(null);
  const regions = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const mixer = useRef<ChannelMixer | null>(null);
  const audio = useRef<HTMLAudioElement | null>(null);

  useEffect(() => {
    const abort = new AbortController();
    const media = new Audio();
    media.preload = 'auto';
    let url: string | null = null;
    let surfer: WaveSurfer | null = null;
    // (The review pane is keyed by the recording: a new one starts from the initial state.)
    (async () => {
      const blob = await fetchRecording(recordingId, abort.signal);
      const wave = await decodeWaveform(blob);
      if (abort.signal.aborted) return;
      url = URL.createObjectURL(blob);
      media.src = url;
      await findEnd(media);
      if (abort.signal.aborted || !container.current) return;
      const plugin = RegionsPlugin.create();
      surfer = WaveSurfer.create({
        container: container.current,
        media,
        height: 48,
        splitChannels: [
          { waveColor: COLOURS.operator, progressColor: COLOURS.progress },
          { waveColor: COLOURS.caller, progressColor: COLOURS.progress },
        ],
        cursorColor: '#fa5252',
        cursorWidth: 2,
        barWidth: 2,
        barGap: 1,
        normalize: true,
        dragToSeek: true,
        plugins: [plugin],
        // Given the peaks and length, wavesurfer loads the element's source itself, decoding nothing.
        peaks: wave.peaks,
        duration: wave.duration,
      });
      const created = surfer;
      await new Promise<void>((resolve, reject) => {
        created.once('ready', () => resolve());
        created.once('error', (e) => reject(e));
      });
      mixer.current = new ChannelMixer(media);
      audio.current = media;
      ws.current = surfer;
      regions.current = plugin;
      plugin.on('region-clicked', (region, e) => {
        e.stopPropagation();
        seekTo(region.start);
      });
      // timeupdate comes each frame while playing: the meters follow it.
      surfer.on('timeupdate', (time) => setState((s) => ({ ...s, time, levels: mixer.current?.levels() ?? s.levels })));
      surfer.on('play', () => setState((s) => ({ ...s, playing: true })));
      surfer.on('pause', () => setState((s) => ({ ...s, playing: false, levels: [0, 0] })));
      surfer.on('finish', () => setState((s) => ({ ...s, playing: false, levels: [0, 0] })));
      setState((s) => ({ ...s, phase: 'ready', duration: surfer?.getDuration() ?? wave.duration, time: 0 }));
    })().catch((e: unknown) => {
      if (abort.signal.aborted) return;
      setState((s) => ({ ...s, phase: 'failed', error: e instanceof Error && !('code' in e) ? e.message : toCallError(e).message }));
    });
    return () => {
      abort.abort();
      surfer?.destroy();
      mixer.current?.close();
      media.pause();
      media.removeAttribute('src');
      if (url) URL.revokeObjectURL(url);
      ws.current = null;
      audio.current = null;
      regions.current = null;
      mixer.current = null;
    };
  }, [recordingId, container]);

  // Notes as markers: drawn again whenever the notes change.
  const ready = state.phase === 'ready';
  useEffect(() => {
    const plugin = regions.current;
    if (!ready || !plugin) return;
    plugin.clearRegions();
    for (const m of markers) {
      const label = document.createElement('span');
      label.className = 'rv-marker';
      label.title = m.text;
      label.textContent = '◆';
      label.dataset.testid = 'review-marker';
      plugin.addRegion({ id: m.id, start: m.atMs / 1000, content: label, color: '#fab005', drag: false, resize: false });
    }
  }, [ready, markers]);

  // Seeks set the element's position directly, not through wavesurfer's setTime: while an earlier
  // seek is still buffering, wavesurfer keeps the new one as "pending" and then drops it when the
  // earlier one's 'seeking' event arrives (Home then → landed at 0). The element's own position is
  // updated at once and wavesurfer follows its timeupdate events.
  function seekTo(seconds: number) {
    const media = audio.current;
    if (!media) return;
    media.currentTime = Math.max(0, Math.min(seconds, ws.current?.getDuration() ?? media.duration));
  }

  const controls: PlayerControls = {
    playPause: () => {
      void mixer.current?.resume();
      void ws.current?.playPause();
    },
    seek: seekTo,
    skip: (seconds) => audio.current && seekTo(audio.current.currentTime + seconds),
    setRate: (rate) => {
      ws.current?.setPlaybackRate(rate, true);
      setState((s) => ({ ...s, rate }));
    },
    setVolume: (channel, volume) => {
      mixer.current?.setVolume(channel, volume);
      setState((s) => ({ ...s, volumes: channel === 0 ? [volume, s.volumes[1]] : [s.volumes[0], volume] }));
    },
    time: () => audio.current?.currentTime ?? 0,
  };
  return [state, controls];
}
