import { z } from 'zod';
import { def } from './def';
import { read, USER, write } from './permission';
import { empty } from './primitives';

/* Sync with the shared PostgreSQL store: its state for the status bar, and joining one (administrators). */

export interface SyncState {
  /** standalone: no store; needs-login: a store, but nobody logged in here to sync as. */
  status: 'standalone' | 'needs-login' | 'syncing' | 'online' | 'offline';
  /** The store's URL, without a password; null when standalone. */
  store: string | null;
  /** Local changes not yet pushed. */
  pending: number;
  lastSyncAt: number | null;
  /** What went wrong last, or what waits (a user's login). */
  message: string | null;
  /** Since the app started: changes the store refused, and values that lost to an earlier write. */
  rejected: number;
  conflicts: number;
  /** Attachments' files: here and not yet in the store, and in the store (or on their way) but not here yet. */
  files: { toSend: number; toReceive: number };
  /** A download of the whole store under way (joining, or resuming one interrupted); null otherwise. */
  progress: SyncProgress | null;
}

/** How far a workstation's download of the store has come. */
export interface SyncProgress {
  /** Copying rows; then building the indexes and the quick-search index. */
  phase: 'download' | 'indexes';
  /** Rows copied, of about `total` (counted at the download's start). */
  done: number;
  total: number;
  rowsPerSecond: number;
  /** Seconds left for the rows, at this pace; null before there is a pace, and while indexing. */
  secondsLeft: number | null;
}

/** A value that lost to another written first (the store kept the other), for its author to review. */
export interface ConflictRow {
  id: number;
  at: number;
  /** The workstation (its name) and user whose value lost. */
  workstation: string;
  user: string | null;
  table: string;
  rowId: string;
  /** The store's column, and the field as the app's forms name it (null when the app has no form for the table). */
  field: string;
  fieldKey: string | null;
  /** The value that was not applied, and the one the store kept. */
  theirs: unknown;
  kept: unknown;
  /** What the record is (an intervention's number and client, a client's name); null when it is not on this workstation. */
  record: string | null;
  resolvedAt: number | null;
  /** The call that re-applies the value through the form's own command, or null when it cannot be re-applied by hand. */
  reapply: { method: 'interventions.update' | 'clients.update' | 'contacts.update'; input: { id: string; version: number; patch: Record<string, unknown> } } | null;
}

/** A workstation as the store knows it (Administration's store page). */
export interface StoreWorkstation {
  id: string;
  name: string;
  lastUser: string | null;
  lastPushAt: number | null;
  lastPullAt: number | null;
  /** Changes it had not pushed when it last reported. */
  pending: number;
  thisOne: boolean;
}

const syncJoinInput = z
  .object({
    url: z.string().trim().min(1).max(500),
    login: z.string().trim().min(1).max(50),
    password: z.string().min(1).max(200),
    discardLocal: z.boolean().default(false),
  })
  .strict();

export const syncMethods = {
  'sync.status': def<SyncState>()(empty, USER),
  'sync.now': def<SyncState>()(empty, USER),
  'sync.join': def<SyncState>()(syncJoinInput, write('admin')),
  /** The caller's conflicts (an administrator: everyone's), open ones or all; from the store, so online only. */
  'sync.conflicts': def<ConflictRow[]>()(z.object({ all: z.boolean().default(false) }).strict(), USER),
  /** Marks a conflict reviewed (after re-applying it, or leaving the store's value). */
  'sync.resolve': def<{ resolved: boolean }>()(z.object({ id: z.number().int().positive() }).strict(), USER),
  'sync.workstations': def<StoreWorkstation[]>()(empty, read('admin')),
};
