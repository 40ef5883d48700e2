import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };
export type RawDb = Database.Database;

/** How long a connection waits for another's write lock before SQLITE_BUSY (core/write-gate.ts lowers it on the main one). */
export const BUSY_TIMEOUT_MS = 5000;

export interface OpenOptions {
  readonly?: boolean;
}

/** Opens a database file with the pragmas every connection needs. */
export function openRaw(file: string, options: OpenOptions = {}): RawDb {
  const raw = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.readonly ?? false,
    // In a development Electron run the driver built for Electron lives apart from Node's (scripts/electron-native.mjs).
    ...(process.versions.electron && process.env.CC_SQLITE_NATIVE_BINDING ? { nativeBinding: process.env.CC_SQLITE_NATIVE_BINDING } : {}),
  });
  // Another connection (the read worker, a second window) may hold the lock for a moment.
  raw.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  if (!options.readonly) {
    raw.pragma('journal_mode = WAL');
  }
  // NORMAL is durable in WAL mode except for the last commits on power loss; FULL halves write speed.
  raw.pragma('synchronous = NORMAL');
  // Because foreign key support is not enabled by default!
  raw.pragma('foreign_keys = ON');
  raw.pragma('cache_size = -65536');
  raw.pragma('temp_store = MEMORY');
  return raw;
}

export function wrap(raw: RawDb): Db {
  const db: Db = drizzle({ client: raw, schema });
  return db;
}
