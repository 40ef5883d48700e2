import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { Db } from './connection';

interface Journal {
  entries: { idx: number; when: number; tag: string }[];
}

export class DatabaseTooNewError extends Error {
  constructor(file: string, dbMigration: number, codeMigration: number) {
    super(
      `The database ${file} was written by a newer version of this application ` +
        `(schema step ${dbMigration}, this version knows up to ${codeMigration}). ` +
        'Update the application, or open another database.',
    );
    this.name = 'DatabaseTooNewError';
  }
}

/**
 * Where the generated migrations live: next to the sources in development, beside the build
 * otherwise. `dialect`: the local database's (sqlite) or the shared store's (pg).
 */
export function findMigrationsFolder(start: string = __dirname, dialect: 'sqlite' | 'pg' = 'sqlite'): string {
  const candidates = [
    dialect === 'sqlite' ? process.env.CC_MIGRATIONS_DIR : undefined,
    join(start, `../../migrations/${dialect}`),
    join(start, `../../../migrations/${dialect}`),
    // Electron's resources folder (a packaged app); typed without Electron's types so the renderer's tests may import this.
    join((process as { resourcesPath?: string }).resourcesPath ?? '', `migrations/${dialect}`),
    join(process.cwd(), `migrations/${dialect}`),
  ];
  for (const c of candidates) if (c && existsSync(join(c, 'meta/_journal.json'))) return c;
  throw new Error(`Cannot find the migrations folder (migrations/${dialect}).`);
}

/** The newest migration a folder holds (its tag, and its place in the journal from 1). */
export function newestMigration(folder: string): { tag: string; step: number } {
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as Journal;
  const last = journal.entries[journal.entries.length - 1];
  return { tag: last?.tag ?? '', step: journal.entries.length };
}

/**
 * Applies pending migrations in one transaction (drizzle's migrator wraps them all), after
 * refusing a database that a newer build already migrated past what this build knows.
 */
export function runMigrations(db: Db, file: string, folder = findMigrationsFolder()): void {
  const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as Journal;
  const newestKnown = Math.max(0, ...journal.entries.map((e) => e.when));
  const raw = db.$client;
  const hasTable = raw
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'")
    .get();
  if (hasTable) {
    const row = raw.prepare('SELECT max(created_at) AS newest, count(*) AS n FROM __drizzle_migrations').get() as {
      newest: number | null;
      n: number;
    };
    if (row.newest !== null && row.newest > newestKnown) {
      throw new DatabaseTooNewError(file, row.n, journal.entries.length);
    }
  }
  migrate(db, { migrationsFolder: folder });
}
