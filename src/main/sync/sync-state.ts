import type { RawDb } from '../db/connection';
import { START, type Cursor } from './store-connection';

/*
 * The workstation's own sync bookkeeping (table sync_state, never replicated): the store it
 * joined, its id and key there, how far it has pulled, a download under way.
 */

export function getSyncState(raw: RawDb, key: string): string | null {
  const row = raw.prepare('SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSyncState(raw: RawDb, key: string, value: string): void {
  raw.prepare('INSERT INTO sync_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
}

/** Where the next pull starts. */
export function readCursor(raw: RawDb): Cursor {
  const value = getSyncState(raw, 'cursor');
  return value ? (JSON.parse(value) as Cursor) : START;
}

export function writeCursor(raw: RawDb, cursor: Cursor): void {
  setSyncState(raw, 'cursor', JSON.stringify(cursor));
}
