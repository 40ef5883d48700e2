import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openRaw, wrap } from '../../src/main/db/connection';
import { DatabaseTooNewError, findMigrationsFolder, runMigrations } from '../../src/main/db/migrate';
import { tempDir } from '../support/temp-app';

const folder = findMigrationsFolder();
const journal = JSON.parse(readFileSync(join(folder, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string; when: number }[] };
let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup) c();
  cleanup = [];
});

function freshDb() {
  const t = tempDir();
  const file = join(t.dir, 'db.sqlite');
  const raw = openRaw(file);
  cleanup.push(() => {
    raw.close();
    t.dispose();
  });
  return { raw, db: wrap(raw), file, dir: t.dir };
}

const userTables = (raw: ReturnType<typeof openRaw>) =>
  // Ordinary tables only: FTS5's virtual table and its shadow tables cannot be STRICT.
  (raw.prepare('PRAGMA table_list').all() as { name: string; strict: number; schema: string; type: string }[]).filter(
    (t) => t.schema === 'main' && t.type === 'table' && !t.name.startsWith('sqlite_') && t.name !== '__drizzle_migrations',
  );

describe('migrations', () => {
  it('each migration applies on a fresh database, step by step', () => {
    // Apply the migrations one prefix at a time, as a workstation upgrading release by release would.
    for (let n = 1; n <= journal.entries.length; n++) {
      const { raw, db, file, dir } = freshDb();
      const partial = join(dir, `m${n}`);
      mkdirSync(join(partial, 'meta'), { recursive: true });
      for (const e of journal.entries.slice(0, n)) cpSync(join(folder, `${e.tag}.sql`), join(partial, `${e.tag}.sql`));
      writeFileSync(join(partial, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, n) }));
      runMigrations(db, file, partial);
      const applied = raw.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number };
      expect(applied.n).toBe(n);
      expect(raw.pragma('foreign_key_check')).toEqual([]);
    }
  });

  it('on a database upgraded to unread marks, what was written before counts as read (0007)', () => {
    const { raw, db, file, dir } = freshDb();
    const before = journal.entries.findIndex((e) => e.tag.startsWith('0007'));
    expect(before).toBeGreaterThan(0);
    const partial = join(dir, 'before-0007');
    mkdirSync(join(partial, 'meta'), { recursive: true });
    for (const e of journal.entries.slice(0, before)) cpSync(join(folder, `${e.tag}.sql`), join(partial, `${e.tag}.sql`));
    writeFileSync(join(partial, 'meta/_journal.json'), JSON.stringify({ ...journal, entries: journal.entries.slice(0, before) }));
    runMigrations(db, file, partial);
    // A user and a thread from before the upgrade (only the columns the step reads matter).
    raw.pragma('foreign_keys = OFF');
    raw.prepare("INSERT INTO users (id, created_at, updated_at, login, display_name, password_hash, role) VALUES ('u1', 1000, 1000, 'ana', 'Ana', 'x', 'operator')").run();
    for (const [id, at] of [['m1', 5000], ['m2', 7000]] as const) {
      raw.prepare("INSERT INTO intervention_messages (id, created_at, updated_at, intervention_id, at, body) VALUES (?, ?, ?, 'i1', ?, 'old')").run(id, at, at, at);
    }
    raw.pragma('foreign_keys = ON');
    runMigrations(db, file, folder);
    expect(raw.prepare("SELECT reads_since FROM users WHERE id = 'u1'").pluck().get()).toBe(7000);
  });

  it('leaves every table STRICT, with WAL and foreign keys on', () => {
    const { raw, db, file } = freshDb();
    runMigrations(db, file, folder);
    const tables = userTables(raw);
    expect(tables.length).toBeGreaterThanOrEqual(20);
    expect(tables.filter((t) => t.strict !== 1).map((t) => t.name)).toEqual([]);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    // STRICT means a string in an integer column is refused instead of stored.
    expect(() => raw.prepare("INSERT INTO settings (key, value, updated_at) VALUES ('k', 'v', 'not a number')").run()).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('is idempotent: a second run changes nothing', () => {
    const { raw, db, file } = freshDb();
    runMigrations(db, file, folder);
    const before = raw.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get();
    runMigrations(db, file, folder);
    expect(raw.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual(before);
  });

  it('applies pending migrations in one transaction: a failing step leaves nothing behind', () => {
    const { raw, db, file, dir } = freshDb();
    const broken = join(dir, 'broken');
    cpSync(folder, broken, { recursive: true });
    writeFileSync(join(broken, '9999_broken.sql'), 'CREATE TABLE ok_table (x INTEGER) STRICT;\n--> statement-breakpoint\nTHIS IS NOT SQL;');
    const j = JSON.parse(readFileSync(join(broken, 'meta/_journal.json'), 'utf8')) as typeof journal;
    j.entries.push({ ...j.entries[j.entries.length - 1]!, tag: '9999_broken', when: Date.now() + 1000 });
    writeFileSync(join(broken, 'meta/_journal.json'), JSON.stringify(j));
    expect(() => runMigrations(db, file, broken)).toThrow();
    expect(userTables(raw).map((t) => t.name)).toEqual([]);
  });

  it('refuses a database written by a newer version, with a clear message', () => {
    const { raw, db, file } = freshDb();
    runMigrations(db, file, folder);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', Date.now() + 365 * 86400_000);
    expect(() => runMigrations(db, file, folder)).toThrow(DatabaseTooNewError);
    expect(() => runMigrations(db, file, folder)).toThrow(/written by a newer version of this application/);
  });

  it('indexes the common intervention lookups', () => {
    const { raw, db, file } = freshDb();
    runMigrations(db, file, folder);
    const plan = (sql: string) => (raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT id FROM interventions WHERE client_id = 'x' AND deleted_at IS NULL ORDER BY doc_date")).toMatch(/USING INDEX interventions_client/);
    expect(plan("SELECT count(*) FROM interventions WHERE status = 'taken' AND deleted_at IS NULL")).toMatch(/USING (COVERING )?INDEX interventions_status/);
    expect(plan('SELECT rowid FROM interventions WHERE deleted_at IS NULL ORDER BY doc_date DESC, rowid DESC LIMIT 100')).toMatch(/SCAN interventions USING (COVERING )?INDEX interventions_doc_date/);
    expect(plan("SELECT * FROM intervention_messages WHERE intervention_id = 'x' ORDER BY at")).toMatch(/USING INDEX intervention_messages_thread/);
    expect(plan("SELECT * FROM clients WHERE phone = '+40722000000'")).toMatch(/USING INDEX clients_phone/);
  });
});
