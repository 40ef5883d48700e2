import pg from 'pg';
import { newestMigration, findMigrationsFolder } from '../db/migrate';
import { StoreVersionError, stepOf } from './store-admin';
import type { Mutation } from './outbox';

/*
 * One user's connection to the shared store: as their own PostgreSQL role (never the owner),
 * calling only the store's functions (migrations/pg/0001_functions.sql).
 */

/** The store's answer for one pushed mutation. */
export interface PushOutcome {
  id: string;
  status: 'accepted' | 'rejected' | 'duplicate';
  reason?: string;
  code?: string;
  conflicts?: { table: string; rowId: string; field: string }[];
}

export interface Cursor {
  txid: string;
  seq: number;
}

export interface PulledEntry {
  cursor: Cursor;
  table: string;
  rowId: string;
  data: Record<string, unknown> | null;
}

/** A workstation as the store knows it: its id, and the key that proves a push is its own. */
/** How far a mailbox's folder was read: its UIDVALIDITY and the last UID taken. */
export interface MailPosition {
  uidValidity: string;
  lastUid: number;
}

export interface WorkstationId {
  id: string;
  key: string;
}

/** A row of cc.conflicts_for_me (bigints come as strings). */
export interface StoreConflict {
  id: string;
  at: string;
  workstation_id: string;
  workstation_name: string | null;
  user_login: string | null;
  table_name: string;
  row_id: string;
  field: string;
  theirs: unknown;
  kept: unknown;
  resolved_at: string | null;
}

/** A row of cc.workstations_list. */
export interface StoreWorkstationRow {
  id: string;
  name: string;
  last_user: string | null;
  last_push_at: string | null;
  last_pull_at: string | null;
  pending: string;
}

export const START: Cursor = { txid: '0', seq: 0 };

/** How often one push is tried when the store answers "try again". */
const PUSH_ATTEMPTS = 4;

/** A PostgreSQL error after which the same statement may well succeed (as the store's cc.is_transient says). */
function isTransient(code: string | undefined): boolean {
  return code !== undefined && (['40', '53', '57', '08'].includes(code.slice(0, 2)) || code === '55P03');
}

/** The store's URL with a user's login and password put in (the URL kept in settings has none). */
export function userUrl(storeUrl: string, login: string, password: string): string {
  const u = new URL(storeUrl);
  u.username = `cc_u_${login.toLowerCase()}`;
  u.password = password;
  return u.toString();
}

/** A store URL as it may be shown: without a password. */
export function showUrl(storeUrl: string): string {
  try {
    const u = new URL(storeUrl);
    u.password = '';
    return u.toString();
  } catch {
    return '(not a URL)';
  }
}

export class StoreConnection {
  private constructor(private readonly client: pg.Client) {}

  /** Connects as a user and checks the store's schema against this app's (a clear message either way). */
  static async open(url: string, onNotice?: () => void, onEnd?: (e?: Error) => void): Promise<StoreConnection> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, keepAlive: true, application_name: 'callcenter-sync' });
    // A connection that drops later must not crash the app: it ends, and the service reconnects.
    client.on('error', (e) => onEnd?.(e));
    client.on('end', () => onEnd?.());
    await client.connect();
    const c = new StoreConnection(client);
    try {
      await c.checkVersion();
      if (onNotice) {
        client.on('notification', () => onNotice());
        await client.query('LISTEN cc_changes');
      }
    } catch (e) {
      await client.end().catch(() => undefined);
      throw e;
    }
    return c;
  }

  private async checkVersion(): Promise<void> {
    const r = await this.client.query<{ v: string | null }>('SELECT cc.version() AS v');
    const store = r.rows[0]?.v ?? '';
    const app = newestMigration(findMigrationsFolder(__dirname, 'pg'));
    if (store === app.tag) return;
    throw new StoreVersionError(
      stepOf(store) > app.step
        ? `The shared store is newer than this app (schema step ${stepOf(store)}, the app knows ${app.step}): update the app.`
        : `The shared store is older than this app (schema step ${stepOf(store)}, the app needs ${app.step}): ask an administrator to run "npm run db:migrate -- --pg URL".`,
    );
  }

  /**
   * Pushes mutations; the store's answer for each. A push the store stopped with "try again" (a
   * deadlock with another workstation's push, a lock timeout: nothing of it stayed) is sent again
   * a few times, a moment apart, before the round gives up and the loop's back-off takes over.
   */
  async push(ws: WorkstationId, name: string, mutations: Mutation[], now: number): Promise<PushOutcome[]> {
    const payload = JSON.stringify(mutations.map((m) => ({ id: m.id, seq: m.seq, rows: m.rows })));
    for (let attempt = 1; ; attempt++) {
      try {
        const r = await this.client.query<{ r: PushOutcome[] }>('SELECT cc.push($1, $2, $3, $4, $5) AS r', [ws.id, ws.key, name, payload, now]);
        return r.rows[0]?.r ?? [];
      } catch (e) {
        if (attempt >= PUSH_ATTEMPTS || !isTransient((e as { code?: string }).code)) throw e;
        await new Promise((r) => setTimeout(r, 50 * attempt + Math.random() * 50));
      }
    }
  }

  async pull(after: Cursor, limit: number): Promise<PulledEntry[]> {
    const r = await this.client.query<{ txid: string; seq: string; table_name: string; row_id: string; data: Record<string, unknown> | null }>(
      'SELECT txid::text AS txid, seq, table_name, row_id, data FROM cc.pull($1::xid8, $2, $3)',
      [after.txid, after.seq, limit],
    );
    return r.rows.map((x) => ({ cursor: { txid: x.txid, seq: Number(x.seq) }, table: x.table_name, rowId: x.row_id, data: x.data }));
  }

  /** The next transaction id the store will give (a cursor at or past it is from before a restore). */
  async nextTxid(): Promise<string> {
    return (await this.client.query<{ x: string }>('SELECT cc.next_txid()::text AS x')).rows[0]!.x;
  }

  /** Whether changes after the cursor have committed that a pull cannot hand out yet (an older transaction still runs). */
  async heldBack(after: Cursor): Promise<boolean> {
    const r = await this.client.query<{ r: boolean }>('SELECT cc.held_back($1::xid8, $2) AS r', [after.txid, after.seq]);
    return r.rows[0]?.r === true;
  }

  /** Which of these interventions the store holds outside the user's scope (none for a user who reads everything). */
  async leftScope(ids: string[]): Promise<string[]> {
    return (await this.client.query<{ id: string }>('SELECT id FROM cc.left_scope($1::text[]) AS id', [ids])).rows.map((r) => r.id);
  }

  /** Reserves up to `count` next numbers of a series for this workstation (fewer when the series ends sooner). */
  async reserve(ws: WorkstationId, seriesId: string, count: number, now: number): Promise<{ first: number; last: number }> {
    const r = await this.client.query<{ first_number: string; last_number: string }>('SELECT * FROM cc.reserve_numbers($1, $2, $3, $4, $5)', [ws.id, ws.key, seriesId, count, now]);
    const row = r.rows[0]!;
    return { first: Number(row.first_number), last: Number(row.last_number) };
  }

  /**
   * Takes or renews the shared mailbox's lease for this workstation, recording how far it read;
   * whether it holds it, and how far the mailbox was read (by whichever workstation).
   */
  async takeMailLease(ws: WorkstationId, mailbox: string, ms: number, read: MailPosition | null): Promise<{ ok: boolean; read: MailPosition | null }> {
    const r = await this.client.query<{ ok: boolean; uid_validity: string | null; last_uid: string }>('SELECT * FROM cc.take_mail_lease($1, $2, $3, $4, $5, $6)', [
      ws.id,
      ws.key,
      mailbox,
      ms,
      read?.uidValidity ?? null,
      read?.lastUid ?? 0,
    ]);
    const row = r.rows[0];
    return { ok: row?.ok === true, read: row?.uid_validity ? { uidValidity: row.uid_validity, lastUid: Number(row.last_uid) } : null };
  }

  async releaseMailLease(ws: WorkstationId, mailbox: string, read: MailPosition | null): Promise<void> {
    await this.client.query('SELECT cc.release_mail_lease($1, $2, $3, $4, $5)', [ws.id, ws.key, mailbox, read?.uidValidity ?? null, read?.lastUid ?? 0]);
  }

  async conflicts(all: boolean, limit: number): Promise<StoreConflict[]> {
    return (await this.client.query<StoreConflict>('SELECT * FROM cc.conflicts_for_me($1, $2)', [all, limit])).rows;
  }

  async resolveConflict(id: number, now: number): Promise<boolean> {
    return (await this.client.query<{ r: boolean }>('SELECT cc.resolve_conflict($1, $2) AS r', [id, now])).rows[0]?.r === true;
  }

  async workstations(): Promise<StoreWorkstationRow[]> {
    return (await this.client.query<StoreWorkstationRow>('SELECT * FROM cc.workstations_list()')).rows;
  }

  /** What the store holds of these files (only those the user may have): parts, and whether complete. */
  async fileState(shas: string[]): Promise<Map<string, { parts: number; complete: boolean }>> {
    const r = await this.client.query<{ sha256: string; parts: number; complete: boolean }>('SELECT * FROM cc.file_state($1::text[])', [shas]);
    return new Map(r.rows.map((x) => [x.sha256, { parts: x.parts, complete: x.complete }]));
  }

  /** Uploads one part of a file; answers whether the store now has all of it, checked against its hash ('mismatch': none of it kept). */
  async putFilePart(sha: string, size: number, part: number, data: Buffer, now: number): Promise<'partial' | 'complete' | 'mismatch'> {
    const r = await this.client.query<{ r: 'partial' | 'complete' | 'mismatch' }>('SELECT cc.put_file_part($1, $2, $3, $4, $5) AS r', [sha, size, part, data, now]);
    return r.rows[0]!.r;
  }

  /** One part of a complete file; null while the store does not have all of it. */
  async getFilePart(sha: string, part: number): Promise<Buffer | null> {
    const r = await this.client.query<{ data: Buffer | null }>('SELECT cc.get_file_part($1, $2) AS data', [sha, part]);
    return r.rows[0]?.data ?? null;
  }

  /** Reports where the workstation is; answers the last of its mutations the store applied. */
  async report(ws: WorkstationId, now: number, pending: number): Promise<{ lastSeq: number; lastMutationId: string | null } | null> {
    const r = await this.client.query<{ last_seq: string; last_mutation_id: string | null }>('SELECT * FROM cc.workstation($1, $2, $3, $4)', [
      ws.id,
      ws.key,
      now,
      pending,
    ]);
    const row = r.rows[0];
    return row ? { lastSeq: Number(row.last_seq), lastMutationId: row.last_mutation_id } : null;
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
