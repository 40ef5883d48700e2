const WINDOW_MS = 60_000;

interface Rule {
  failures: number;
  lockMs: number;
}

/** Per login name: five failures in a minute lock that name for 30 s. */
const BY_NAME: Rule = { failures: 5, lockMs: 30_000 };
/**
 * Per client address: twenty failures in a minute, whatever the names, lock the address for 60 s,
 * so guessing across random names is slowed too. In browser mode on loopback every window shares
 * 127.0.0.1: the lock then holds for everyone on the machine, which is the point (the guesser is
 * on it); sessions already open are not touched.
 */
const BY_ADDRESS: Rule = { failures: 20, lockMs: 60_000 };
const MAX_KEYS = 10_000;

class Counter {
  private readonly failures = new Map<string, { times: number[]; lockedUntil: number }>();

  constructor(private readonly rule: Rule) {}

  wait(key: string, now: number): number {
    const f = this.failures.get(key);
    return f && f.lockedUntil > now ? f.lockedUntil - now : 0;
  }

  fail(key: string, now: number): void {
    const f = this.failures.get(key) ?? { times: [], lockedUntil: 0 };
    f.times = [...f.times.filter((t) => now - t < WINDOW_MS), now];
    if (f.times.length >= this.rule.failures) {
      f.lockedUntil = now + this.rule.lockMs;
      f.times = [];
    }
    this.failures.set(key, f);
    // A flood of distinct names must not grow memory without bound; forgetting is safe because the address counter still holds.
    if (this.failures.size > MAX_KEYS) this.failures.clear();
  }

  clear(key: string): void {
    this.failures.delete(key);
  }
}

/** Slows password guessing, by login name and by client address. */
export class LoginThrottle {
  private readonly byName = new Counter(BY_NAME);
  private readonly byAddress = new Counter(BY_ADDRESS);

  /** Milliseconds to wait before this login may be tried again from this address; 0 when it may be tried now. */
  check(login: string, address: string, now: number): number {
    return Math.max(this.byName.wait(login.toLowerCase(), now), this.byAddress.wait(address, now));
  }

  fail(login: string, address: string, now: number): void {
    this.byName.fail(login.toLowerCase(), now);
    this.byAddress.fail(address, now);
  }

  /** A success clears the name's failures, not the address's: one good account must not reset a guesser's count. */
  succeed(login: string): void {
    this.byName.clear(login.toLowerCase());
  }
}
