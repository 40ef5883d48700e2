const WINDOW_MS = 60_000;
const MAX_FAILURES = 5;
const LOCK_MS = 30_000;

/** Slows password guessing: after five failures in a minute a login is refused for 30 s. */
export class LoginThrottle {
  private readonly failures = new Map<string, { times: number[]; lockedUntil: number }>();

  /** Milliseconds to wait before this login may be tried again; 0 when it may be tried now. */
  check(login: string, now: number): number {
    const f = this.failures.get(login.toLowerCase());
    return f && f.lockedUntil > now ? f.lockedUntil - now : 0;
  }

  fail(login: string, now: number): void {
    const key = login.toLowerCase();
    const f = this.failures.get(key) ?? { times: [], lockedUntil: 0 };
    f.times = [...f.times.filter((t) => now - t < WINDOW_MS), now];
    if (f.times.length >= MAX_FAILURES) {
      f.lockedUntil = now + LOCK_MS;
      f.times = [];
    }
    this.failures.set(key, f);
    if (this.failures.size > 10_000) this.failures.clear();
  }

  succeed(login: string): void {
    this.failures.delete(login.toLowerCase());
  }
}
