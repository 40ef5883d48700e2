import type { BackgroundService } from '../core/lifecycle';
import type { WriteGate } from '../core/write-gate';
import type { Recordings } from './recording';

/*
 * The recordings' background work: every few seconds, recordings whose page went silent are
 * closed with what they sent, and provisional recordings (request types) are kept or deleted; once a day (and at start-up, catching up a day the app was closed),
 * recordings past the retention period are deleted, each deletion audited.
 */

const SWEEP_MS = 5_000;
const DAY_MS = 86_400_000;

export class RecordingJobs implements BackgroundService {
  readonly name = 'recordings';
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastExpiry = 0;

  constructor(
    private readonly recordings: Recordings,
    private readonly writes: WriteGate,
    private readonly log: (line: string) => void = console.error,
  ) {}

  start(): void {
    this.tick();
    this.timer = setInterval(() => this.tick(), SWEEP_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private tick(): void {
    // The index worker holds the file (core/write-gate.ts): the next tick does it.
    if (this.writes.held) return;
    try {
      this.recordings.sweep();
      this.recordings.settle();
      if (Date.now() - this.lastExpiry >= DAY_MS) {
        this.lastExpiry = Date.now();
        this.recordings.expire();
      }
    } catch (e) {
      // A failed round (a disk error) is said and tried again at the next tick.
      this.log(`recordings: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
