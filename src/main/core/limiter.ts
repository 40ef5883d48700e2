import { ApiError } from '../../shared/api/result';

/**
 * Runs at most `concurrency` jobs at once and queues up to `queueLimit` more; beyond that a job
 * is refused at once (ApiError 'forbidden' with "Try again in N s.", the message the login screen
 * counts down from). Costly work a caller can start at will (password checks, exports) goes
 * through one, so a flood of requests waits its turn instead of taking the host's memory or
 * threads from everyone else.
 */
export class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  /** The most jobs that ran at once, and how many ran (tests read them). */
  peak = 0;
  ran = 0;

  constructor(
    readonly concurrency: number,
    private readonly queueLimit: number,
    private readonly refusal: string,
  ) {}

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.running >= this.concurrency) {
      if (this.waiting.length >= this.queueLimit) throw new ApiError('forbidden', `${this.refusal} Try again in 2 s.`);
      // The slot is handed over by the job that ends: `running` already counts this one.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running++;
    }
    this.peak = Math.max(this.peak, this.running);
    this.ran++;
    try {
      return await job();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}
