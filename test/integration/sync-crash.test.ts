import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStoreUser } from '../../src/main/sync/store-admin';
import { tempStore } from '../support/store';
import { runProcess, type Run } from '../support/process-run';
import { tempDir } from '../support/temp-app';

/*
 * Workstations as processes of their own (test/support/workstation-process.ts), killed with
 * SIGKILL in the middle of a push and of a pull, then started again: nothing is applied twice,
 * nothing is lost, and the SQLite file is sound.
 */

const SCRIPT = join(__dirname, '../support/workstation-process.ts');
const LOGIN = 'crashadmin';
const PASSWORD = 'crash-store-password';
const N = 3000;

let store: Awaited<ReturnType<typeof tempStore>>;
let storeUrl: string;
let owner: pg.Client;
const dirs: ReturnType<typeof tempDir>[] = [];

function run(dir: string, command: string, n?: number): Run {
  return runProcess(SCRIPT, [dir, storeUrl, LOGIN, PASSWORD, command, ...(n ? [String(n)] : [])]);
}

/** Opens a workstation's file read-only, as a second process would, asks, and closes it. */
function ask<T>(dir: string, sql: string): T {
  const db = new Database(join(dir, 'ws.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db.prepare(sql).pluck().get() as T;
  } finally {
    db.close();
  }
}

/** Polls until `when` holds, then kills the run; answers what `when` saw, or null if the run ended first. */
async function killWhen<T>(r: Run, probe: () => Promise<T> | T, when: (v: T) => boolean): Promise<T | null> {
  let ended = false;
  void r.exited.then(() => (ended = true));
  while (!ended) {
    const v = await probe();
    if (when(v)) {
      r.kill();
      await r.exited;
      return v;
    }
    await new Promise((res) => setTimeout(res, 5));
  }
  return null;
}

function expectSound(dir: string): void {
  const db = new Database(join(dir, 'ws.sqlite'), { readonly: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  } finally {
    db.close();
  }
}

const crashClients = async () => (await owner.query<{ n: string; names: string }>("SELECT count(*) AS n, count(DISTINCT name) AS names FROM cc.clients WHERE name LIKE 'crash-%'")).rows[0]!;

beforeAll(async () => {
  store = await tempStore();
  await createStoreUser(store.ownerUrl, LOGIN, PASSWORD, 'admin', Date.UTC(2026, 10, 2));
  storeUrl = store.url;
  owner = new pg.Client({ connectionString: store.ownerUrl });
  await owner.connect();
  for (let i = 0; i < 2; i++) {
    const d = tempDir();
    dirs.push(d);
    const joined = run(d.dir, 'join');
    expect(await joined.exited, joined.lines.join('\n')).toEqual({ code: 0, signal: null });
  }
}, 120_000);

afterAll(async () => {
  await owner.end();
  await store.dispose();
  for (const d of dirs) d.dispose();
});

describe('a workstation killed with SIGKILL', () => {
  it('in the middle of its push sends again after a restart, and the store applies each change once', async () => {
    const a = dirs[0]!.dir;
    const wrote = run(a, 'write', N);
    expect(await wrote.exited, wrote.lines.join('\n')).toEqual({ code: 0, signal: null });
    const ws = ask<string>(a, "SELECT value FROM sync_state WHERE key = 'workstation'");
    const last = ask<number>(a, 'SELECT max(seq) FROM outbox');
    // Killed as soon as the store has applied some of the outbox, not all.
    const pushing = run(a, 'sync');
    const seen = await killWhen(
      pushing,
      async () => Number((await owner.query<{ s: string }>('SELECT coalesce(max(last_seq), 0) AS s FROM cc.workstations WHERE id = $1', [ws])).rows[0]!.s),
      (s) => s > 0,
    );
    expect(seen, 'killed before the push ended').not.toBeNull();
    expect(seen!).toBeLessThan(last);
    expect(Number((await crashClients()).n)).toBeLessThan(N);
    const again = run(a, 'sync');
    expect(await again.exited, again.lines.join('\n')).toEqual({ code: 0, signal: null });
    expect(again.lines).toContain('synced {"pending":0,"rejected":0}');
    expect(await crashClients()).toEqual({ n: String(N), names: String(N) });
    expect(ask<number>(a, 'SELECT count(*) FROM outbox WHERE pushed_at IS NULL')).toBe(0);
    expectSound(a);
  }, 120_000);

  it('in the middle of its pull keeps each applied batch with its cursor, and goes on from there', async () => {
    const b = dirs[1]!.dir;
    const count = () => ask<number>(b, "SELECT count(*) FROM clients WHERE name LIKE 'crash-%'");
    const pulling = run(b, 'sync');
    const seen = await killWhen(pulling, count, (n) => n > 0 && n < N);
    expect(seen, 'killed before the pull ended').not.toBeNull();
    // What was applied is whole batches, with the cursor that says so.
    expect(count()).toBeGreaterThan(0);
    const again = run(b, 'sync');
    expect(await again.exited, again.lines.join('\n')).toEqual({ code: 0, signal: null });
    expect(count()).toBe(N);
    expect(ask<number>(b, "SELECT count(DISTINCT name) FROM clients WHERE name LIKE 'crash-%'")).toBe(N);
    expectSound(b);
  }, 120_000);
});
