import type { ServiceContext } from '../core/context';
import type { BackgroundService } from '../core/lifecycle';
import { generateDue } from './generator';

/*
 * The contract generator as a background service: a round at start-up (catching up what fell due
 * while the app was closed) and every few minutes after, so a day that begins while the app is
 * open makes its interventions too. The round reads the app's clock each time: a clock set
 * forward makes what is due by then, one set back makes nothing twice (the occurrence's key).
 */

const ROUND_MS = 5 * 60_000;

export class ContractJobs implements BackgroundService {
  readonly name = 'contracts';
  private timer: ReturnType<typeof setInterval> | null = null;
  /** What stopped each contract at the last round (a closed working period, a deleted client), by contract id. */
  private readonly problems = new Map<string, { day: string; message: string }>();

  constructor(
    private readonly s: ServiceContext,
    private readonly zone: () => string,
    /** Whether this workstation makes contracts' interventions (not one that may not push them). */
    private readonly enabled: () => boolean = () => true,
    private readonly log: (line: string) => void = console.error,
  ) {}

  start(): void {
    this.round();
    this.timer = setInterval(() => this.round(), ROUND_MS);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Why the contract's next visit could not be made at the last round, or null. */
  problem(contractId: string): { day: string; message: string } | null {
    return this.problems.get(contractId) ?? null;
  }

  /** One round now (also after a contract is saved, so its first visits need no wait). */
  round(): number {
    // While the index worker holds the file (core/write-gate.ts), the next round does it.
    if (!this.enabled() || this.s.writes.held) return 0;
    try {
      const r = generateDue(this.s, this.s.now(), this.zone());
      this.problems.clear();
      for (const f of r.failures) {
        this.problems.set(f.contractId, { day: f.day, message: f.message });
        this.log(`contracts: ${f.contractId} (${f.day}): ${f.message}`);
      }
      return r.created;
    } catch (e) {
      this.log(`contracts: ${e instanceof Error ? e.message : String(e)}`);
      return 0;
    }
  }
}
