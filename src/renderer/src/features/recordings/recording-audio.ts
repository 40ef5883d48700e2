/*
 * The audio side of the review screen. MediaRecorder's WebM carries no duration and no cues, so
 * the page decodes it once for the waveform's peaks and the true length, and asks the <audio>
 * element to find its end before anyone seeks. Playing goes through the element (speed keeps the
 * pitch); a small WebAudio graph behind it gives each side its own volume.
 */

/** Decoding rate for the peaks: plenty for an envelope, and an hour of audio stays near 230 MB. */
const PEAKS_RATE = 8000;
/** Points per channel drawn: about one per pixel on a wide screen. */
const BUCKETS = 3000;

export interface Waveform {
  /** One array per channel (operator, caller): each bucket's peak, 0-1. */
  peaks: Float32Array[];
  /** Seconds. */
  duration: number;
}

export async function decodeWaveform(blob: Blob): Promise<Waveform> {
  const context = new OfflineAudioContext(2, 1, PEAKS_RATE);
  const audio = await context.decodeAudioData(await blob.arrayBuffer());
  const peaks: Float32Array[] = [];
  for (let c = 0; c < Math.min(2, audio.numberOfChannels); c++) {
    const data = audio.getChannelData(c);
    const n = Math.max(1, Math.min(BUCKETS, data.length));
    const out = new Float32Array(n);
    const step = data.length / n;
    for (let i = 0; i < n; i++) {
      let peak = 0;
      for (let j = Math.floor(i * step), end = Math.floor((i + 1) * step); j < end; j++) {
        const v = Math.abs(data[j]!);
        if (v > peak) peak = v;
      }
      out[i] = peak;
    }
    peaks.push(out);
  }
  return { peaks, duration: audio.duration };
}

/**
 * A WebM without cues reports an infinite duration and seeks nowhere until the element has read
 * to its end once: asking for a time far past the end makes it do so, then it goes back to 0.
 */
export async function findEnd(media: HTMLMediaElement): Promise<void> {
  if (media.readyState < HTMLMediaElement.HAVE_METADATA) {
    await new Promise<void>((resolve, reject) => {
      media.addEventListener('loadedmetadata', () => resolve(), { once: true });
      media.addEventListener('error', () => reject(new Error(media.error?.message || 'The recording cannot be played.')), { once: true });
    });
  }
  if (Number.isFinite(media.duration)) return;
  await new Promise<void>((resolve) => {
    const done = () => {
      if (!Number.isFinite(media.duration)) return;
      media.removeEventListener('durationchange', done);
      media.removeEventListener('timeupdate', done);
      resolve();
    };
    media.addEventListener('durationchange', done);
    media.addEventListener('timeupdate', done);
    media.currentTime = Number.MAX_SAFE_INTEGER;
  });
  media.currentTime = 0;
}

/** The operator's side (left) and the caller's (right), each with its own volume, still on its side. */
export class ChannelMixer {
  private readonly context = new AudioContext();
  private readonly gains: [GainNode, GainNode];
  /** After each side's gain: what the listener hears of it, for the level meters. */
  private readonly meters: [AnalyserNode, AnalyserNode];
  private readonly buffer = new Float32Array(1024);

  constructor(media: HTMLMediaElement) {
    const source = this.context.createMediaElementSource(media);
    const splitter = this.context.createChannelSplitter(2);
    const merger = this.context.createChannelMerger(2);
    this.gains = [this.context.createGain(), this.context.createGain()];
    this.meters = [this.context.createAnalyser(), this.context.createAnalyser()];
    source.connect(splitter);
    for (const channel of [0, 1] as const) {
      const gain = this.gains[channel];
      splitter.connect(gain, channel);
      gain.connect(merger, 0, channel);
      this.meters[channel].fftSize = this.buffer.length;
      gain.connect(this.meters[channel]);
    }
    merger.connect(this.context.destination);
  }

  /** 0 (silent) to 1.5 (a quiet side raised a little). */
  setVolume(channel: 0 | 1, volume: number): void {
    this.gains[channel].gain.value = volume;
  }

  /** Each side's level now (RMS of the last 1024 samples, 0-1), as heard. */
  levels(): [number, number] {
    const rms = (meter: AnalyserNode) => {
      meter.getFloatTimeDomainData(this.buffer);
      let sum = 0;
      for (const v of this.buffer) sum += v * v;
      return Math.sqrt(sum / this.buffer.length);
    };
    return [rms(this.meters[0]), rms(this.meters[1])];
  }

  /** A context made before the user's first gesture starts suspended: playing resumes it. */
  resume(): Promise<void> {
    return this.context.state === 'suspended' ? this.context.resume() : Promise.resolve();
  }

  close(): void {
    void this.context.close();
  }
}
