import { closeSync, existsSync, lstatSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, extname, isAbsolute, join } from 'node:path';
import { newPassword } from '../../shared/api/auth';
import type { SetupReason, SetupStatus } from '../../shared/api/setup';
import { DEMO_LOGINS } from '../demo/reference';
import { DEMO_DB_NAME, DEMO_INTERVENTIONS } from './paths';
import { openRaw } from '../db/connection';

/*
 * Which database this workstation opens when no --db / CC_DB is given: remembered in
 * <data folder>/workstation.json once the person chose on the desktop app's first-run screen
 * (the demo, a new database, or an existing file). Browser mode started from a checkout keeps
 * its documented behaviour (the demo) unless a choice was remembered here.
 */

export type WorkstationChoice = { database: 'demo' } | { database: 'file'; path: string };

const FILE = 'workstation.json';

function readWorkstation(dataDir: string): WorkstationChoice | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(dataDir, FILE), 'utf8'));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const p = parsed as { database?: unknown; path?: unknown };
  if (p.database === 'demo') return { database: 'demo' };
  if (p.database === 'file' && typeof p.path === 'string' && isAbsolute(p.path)) return { database: 'file', path: p.path };
  return null;
}

/** Written whole to a temporary file, then renamed: a crash never leaves half a choice. */
export function rememberWorkstation(dataDir: string, choice: WorkstationChoice): void {
  const target = join(dataDir, FILE);
  writeFileSync(`${target}.tmp`, `${JSON.stringify(choice, null, 2)}\n`);
  renameSync(`${target}.tmp`, target);
}

/** A refusal of the first-run screen's choice: the reason it says in the user's language, the file, and an English message for the log. */
export class SetupError extends Error {
  constructor(
    readonly reason: SetupReason,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'SetupError';
  }
}

/** A new database's file: absolute, in an existing folder, not an existing file; `.sqlite` added when it has no extension. */
export function newDatabasePath(picked: string): string {
  if (!isAbsolute(picked)) throw new SetupError('notAbsolute', 'Choose where to save the new database.');
  const path = extname(picked) ? picked : `${picked}.sqlite`;
  if (!existsSync(dirname(path))) throw new SetupError('noFolder', `The folder ${dirname(path)} does not exist.`, dirname(path));
  if (existsSync(path)) throw new SetupError('exists', `${path} already exists: choose "Open an existing database" to use it, or another name.`, path);
  return path;
}

/** The administrator password of a new database: the same rule as every password the app sets. */
export function checkAdminPassword(password: unknown): string {
  const parsed = newPassword.safeParse(password);
  if (!parsed.success) throw new SetupError('password', `The administrator's password needs ${parsed.error.issues[0]?.message ?? 'to be longer'}.`);
  return parsed.data;
}

const SQLITE_HEADER = 'SQLite format 3\0';

/** An existing file this app can open: a SQLite database with our tables, not just any file. */
export function existingDatabasePath(picked: string): string {
  if (!isAbsolute(picked)) throw new SetupError('notAbsolute', 'Choose a database file to open.');
  const st = lstatSync(picked, { throwIfNoEntry: false });
  if (!st?.isFile()) throw new SetupError('notFile', `${picked} is not a file.`, picked);
  const head = Buffer.alloc(16);
  const fd = openSync(picked, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_HEADER) throw new SetupError('notDatabase', `${picked} is not a database (not a SQLite file).`, picked);
  const db = openRaw(picked, { readonly: true });
  try {
    const ours = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name IN ('users', 'interventions', '__drizzle_migrations')").get() as { n: number };
    if (ours.n !== 3) throw new SetupError('notOurs', `${picked} is a SQLite database, but not one of this application.`, picked);
  } finally {
    db.close();
  }
  return picked;
}

/**
 * The database to open at start, the same way in both entry points: the one named on the command
 * line, else the one remembered for this workstation, else the demo, except that a packaged
 * desktop app asks first (the first-run screen): its user never saw a console telling demo logins.
 */
export function databaseAtStart(dbOption: string | undefined, dataDir: string, askWhenUnchosen: boolean): { dbPath?: string } | 'ask' {
  if (dbOption) return { dbPath: dbOption };
  const remembered = readWorkstation(dataDir);
  if (remembered?.database === 'file') return { dbPath: remembered.path };
  if (remembered?.database === 'demo' || !askWhenUnchosen) return {};
  return 'ask';
}

/** What the first-run screen tells about the demo: where it lives, whether it exists, its logins. */
export function setupStatus(dataDir: string): SetupStatus {
  const demoPath = join(dataDir, DEMO_DB_NAME);
  return { demoPath, demoExists: existsSync(demoPath), demoInterventions: DEMO_INTERVENTIONS, demoLogins: [...DEMO_LOGINS] };
}
