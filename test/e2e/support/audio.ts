import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';

/* Audio for the softphone's tests: tones for fake microphones, and ffmpeg's reading of what was recorded. */

/** A tone in short bursts (0.6 s on, 0.4 s off): noise suppression would fade a steady one. */
export function tone(dir: string, frequency: number): string {
  const file = join(dir, `tone-${frequency}.wav`);
  execFileSync('ffmpeg', ['-loglevel', 'error', '-f', 'lavfi', '-i', `aevalsrc=0.5*sin(2*PI*${frequency}*t)*lt(mod(t\\,1)\\,0.6):s=48000:d=120`, '-ac', '1', file]);
  return file;
}

/** The decoded length in seconds, as ffmpeg reads it to the end (WebM from MediaRecorder states none). */
export function decodedSeconds(file: string): number {
  const run = spawnSync('ffmpeg', ['-hide_banner', '-i', file, '-f', 'null', '-'], { encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`ffmpeg could not decode the recording:\n${run.stderr}`);
  const log = run.stderr;
  const times = [...log.matchAll(/time=(\d+):(\d+):([\d.]+)/g)];
  const last = times.at(-1);
  if (!last) throw new Error(`ffmpeg read no audio:\n${log}`);
  return Number(last[1]) * 3600 + Number(last[2]) * 60 + Number(last[3]);
}

/**
 * Energy at a frequency on each channel: Goertzel over blocks of 0.1 s at 8 kHz, summed. Block by
 * block, not over the whole file: a busy machine's dropouts shift the tone's phase between blocks,
 * and a single sum over the file would let the parts cancel (a true tone read as weak).
 */
export function energies(file: string, frequency: number): [number, number] {
  const rate = 8000;
  const block = rate / 10;
  const pcm = execFileSync('ffmpeg', ['-loglevel', 'error', '-i', file, '-f', 's16le', '-ac', '2', '-ar', String(rate), '-'], { maxBuffer: 64 * 1024 * 1024 });
  const coeff = 2 * Math.cos((2 * Math.PI * frequency) / rate);
  const frames = pcm.length / 4;
  const result: [number, number] = [0, 0];
  for (const channel of [0, 1] as const) {
    let total = 0;
    for (let start = 0; start + block <= frames; start += block) {
      let s1 = 0;
      let s2 = 0;
      for (let i = start; i < start + block; i++) {
        const s0 = pcm.readInt16LE(i * 4 + channel * 2) / 32768 + coeff * s1 - s2;
        s2 = s1;
        s1 = s0;
      }
      total += (s1 * s1 + s2 * s2 - coeff * s1 * s2) / block;
    }
    result[channel] = total / Math.max(1, Math.floor(frames / block));
  }
  return result;
}
