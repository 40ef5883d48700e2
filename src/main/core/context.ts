import type { Db, RawDb } from '../db/connection';
import type { EventBus } from './events';
import type { ReadPool } from '../db/read-pool';
import type { WriteGate } from './write-gate';
import type { OperationLogLevel } from '../../shared/api/settings';

/**
 * The handle for heavy reads: the read workers, off the main thread. Code that scans many rows
 * (the grid, counts, reports) takes this alone, so it cannot reach the main connection by
 * accident and block the windows (DESIGN.md: at most 50 ms).
 */
/** What the grid reads with: the read workers, and the main connection only for point reads at commit (grid/deltas.ts). */
export type ReadContext = Pick<ServiceContext, 'reads' | 'events' | 'now' | 'raw'>;

/** What every service gets: the database, the heavy-read pool, the event bus, and a clock. */
export interface ServiceContext {
  db: Db;
  raw: RawDb;
  reads: ReadPool;
  /** Held while another connection builds indexes for seconds: main's writes then wait for it (core/write-gate.ts). */
  writes: WriteGate;
  events: EventBus;
  now: () => number;
  /** Read on each write so a change of the setting applies at once. */
  auditLevel: () => OperationLogLevel;
  /**
   * Called inside each write's transaction, for derived data such as the search index. `columns`:
   * what an update changed (database names); absent for a new row or when unknown (all of it).
   */
  afterWrite?: (table: string, id: string, columns?: readonly string[]) => void;
}

/** Who is acting: the logged-in user, or null for the system (migrations, schedulers). */
export interface Actor {
  userId: string | null;
}

export const SYSTEM: Actor = { userId: null };
