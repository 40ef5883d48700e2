import { z } from 'zod';
import { def } from './def';
import { USER, write } from './permission';
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
};
