import type { ApiClient } from '../../api/client';
import { SnapshotStore } from '../../kit/snapshot-store';

/*
 * The conversation recorder. Both sides are mixed with WebAudio onto separate stereo channels
 * (the operator left, the caller right, so a reviewer can listen to either alone), through a
 * gain stage and a limiter so a loud caller never clips, into MediaRecorder as Opus in WebM at
 * 36 kbit/s. The recorder hands over a chunk every second; each goes to main in order, which
 * appends it and flushes it to disk (main/calls/recording.ts), so a crash loses at most the
 * last second. A chunk that fails is sent again (main takes a number once).
 */

type RecorderPhase = 'recording' | 'paused' | 'finishing' | 'done' | 'failed';

export interface RecorderState {
  phase: RecorderPhase;
  /** Bytes main has stored. */
  sizeBytes: number;
  /** Why it failed, in the server's words. */
  error: string | null;
}

const MIME = 'audio/webm;codecs=opus';
/**
 * Opus codes the two channels as mid and side. At 32 kbit/s, when both sides spoke at once, it
 * narrowed the stereo image over a few seconds until each channel carried the other at -6 dB
 * (measured with a tone on each side: separation 4x to 40x in energy). At 36 kbit/s the worst of
 * the same runs kept 195x, at 40 kbit/s 50,000x; 36 costs about 285 KB a minute, 40 about 310.
 */
const BITS_PER_SECOND = 36_000;
/** Main closes a recording that sent nothing for 10 s: while paused, say "still here" more often. */
const HEARTBEAT_MS = 3_000;
/** Each side well under full scale before the limiter (microphones' automatic gain runs hot). */
const SIDE_GAIN = 0.6;
/** After the limiter: its make-up gain undone, so peaks stay near -8 dBFS. */
const HEADROOM_GAIN = 0.5;
const SEND_ATTEMPTS = 5;
/** Hz: wideband speech (what telephony carries at best), see the constructor. */
const RECORDING_RATE = 16_000;

/** Whether this browser records what we store (Chromium and Electron do). */
function canRecord(): boolean {
  return typeof MediaRecorder !== 'undefined' && MediaRecorder.isTypeSupported(MIME);
}

export class CallRecorder extends SnapshotStore<RecorderState> {
  private readonly context: AudioContext;
  private readonly recorder: MediaRecorder;
  private readonly merger: ChannelMergerNode;
  private readonly sources: MediaStreamAudioSourceNode[] = [];
  private seq = 0;
  /** A chunk could not be sent: the rest would leave a gap main refuses, so sending stops. */
  private broken = false;
  /** Chunks sent one after the other: main refuses one out of order. */
  private queue: Promise<void> = Promise.resolve();
  private lastSent = Date.now();
  private readonly heartbeat: ReturnType<typeof setInterval>;
  private readonly onRemoteTrack: (e: MediaStreamTrackEvent) => void;

  private constructor(
    private readonly api: ApiClient,
    readonly id: string,
    local: MediaStream,
    private readonly remote: MediaStream,
  ) {
    super({ phase: 'recording', sizeBytes: 0, error: null });
    // Wideband, as a phone call is: Opus then codes the two sides in SILK at the full bitrate.
    // At 48 kHz it chose hybrid mode for speech, whose SILK half got too few bits for two
    // unrelated channels and narrowed the stereo image (a side leaking into the other).
    this.context = new AudioContext({ sampleRate: RECORDING_RATE });
    this.merger = this.context.createChannelMerger(2);
    this.connect(local, 0);
    this.connect(remote, 1);
    // A re-INVITE (hold, resume) can bring the caller's audio on a new track.
    this.onRemoteTrack = (e) => {
      if (e.track.kind === 'audio') this.connect(new MediaStream([e.track]), 1);
    };
    remote.addEventListener('addtrack', this.onRemoteTrack);
    // A limiter: fast, hard, with headroom for what the codec adds to peaks.
    const limiter = this.context.createDynamicsCompressor();
    limiter.threshold.value = -6;
    limiter.knee.value = 0;
    limiter.ratio.value = 20;
    limiter.attack.value = 0.003;
    limiter.release.value = 0.1;
    // WebAudio's compressor adds its own make-up gain (about +3.4 dB at these settings), which
    // put a hot tone back within a codec ripple of full scale: take 6 dB back after it.
    const headroom = this.context.createGain();
    headroom.gain.value = HEADROOM_GAIN;
    const out = this.context.createMediaStreamDestination();
    out.channelCount = 2;
    out.channelCountMode = 'explicit';
    out.channelInterpretation = 'discrete';
    this.merger.connect(limiter).connect(headroom).connect(out);
    this.recorder = new MediaRecorder(out.stream, { mimeType: MIME, audioBitsPerSecond: BITS_PER_SECOND });
    this.recorder.ondataavailable = (e) => this.send(e.data);
    this.recorder.start(1000);
    this.heartbeat = setInterval(() => {
      if (Date.now() - this.lastSent >= HEARTBEAT_MS && this.state.phase !== 'done') this.send(new Blob());
    }, 1000);
  }

  /**
   * Asks main whether this call is recorded and starts if it is; null when it is not (the
   * settings) or when this browser cannot record.
   */
  static async start(api: ApiClient, callId: string, local: MediaStream, remote: MediaStream): Promise<CallRecorder | null> {
    if (!canRecord()) return null;
    const started = await api.call('recordings.start', { callId, mimeType: MIME });
    return started ? new CallRecorder(api, started.id, local, remote) : null;
  }

  private connect(stream: MediaStream, channel: 0 | 1): void {
    if (stream.getAudioTracks().length === 0) return;
    const source = this.context.createMediaStreamSource(stream);
    const gain = this.context.createGain();
    gain.gain.value = SIDE_GAIN;
    // Each side down to one channel first: a stereo source would otherwise spill into both.
    gain.channelCount = 1;
    gain.channelCountMode = 'explicit';
    source.connect(gain).connect(this.merger, 0, channel);
    this.sources.push(source);
  }

  /** Queues the next chunk (an empty one is a heartbeat), in order, sent again when it fails. */
  private send(data: Blob): void {
    const seq = this.seq++;
    this.lastSent = Date.now();
    this.queue = this.queue.then(async () => {
      if (this.broken) return;
      const base64 = await toBase64(data);
      for (let attempt = 1; ; attempt++) {
        try {
          const { sizeBytes } = await this.api.call('recordings.chunk', { id: this.id, seq, data: base64 });
          if (sizeBytes !== this.state.sizeBytes) this.set({ sizeBytes });
          return;
        } catch (e) {
          if (attempt >= SEND_ATTEMPTS) {
            this.broken = true;
            this.set({ phase: 'failed', error: e instanceof Error ? e.message : String(e) });
            return;
          }
          await new Promise((r) => setTimeout(r, 250 * attempt));
        }
      }
    });
  }

  /** Pauses or resumes (a caller reading out card details); main logs each pause. */
  async togglePause(): Promise<void> {
    if (this.state.phase === 'recording') {
      this.recorder.requestData();
      this.recorder.pause();
      this.set({ phase: 'paused' });
      await this.queue;
      await this.api.call('recordings.pause', { id: this.id });
    } else if (this.state.phase === 'paused') {
      this.recorder.resume();
      this.set({ phase: 'recording' });
      await this.queue;
      await this.api.call('recordings.resume', { id: this.id });
    }
  }

  /** The call ended: the last bytes sent, the file closed in main. */
  async finish(): Promise<void> {
    if (this.state.phase === 'done' || this.state.phase === 'finishing') return;
    this.set({ phase: 'finishing' });
    clearInterval(this.heartbeat);
    if (this.recorder.state !== 'inactive') {
      const stopped = new Promise<void>((resolve) => this.recorder.addEventListener('stop', () => resolve(), { once: true }));
      this.recorder.stop();
      await stopped;
    }
    this.remote.removeEventListener('addtrack', this.onRemoteTrack);
    for (const s of this.sources) s.disconnect();
    void this.context.close().catch(() => undefined);
    await this.queue;
    // A recording whose chunks could not all be sent is closed by main's sweep as interrupted.
    if (!this.broken) await this.api.call('recordings.finish', { id: this.id });
    this.set({ phase: this.broken ? 'failed' : 'done' });
  }
}

async function toBase64(data: Blob): Promise<string> {
  if (data.size === 0) return '';
  const bytes = new Uint8Array(await data.arrayBuffer());
  let binary = '';
  // In slices: String.fromCharCode with a whole chunk's bytes as arguments overflows the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
