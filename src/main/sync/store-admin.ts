import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { MODULES, ROLE_DEFAULT_RIGHTS, ROLE_DEFAULT_SCOPE, ROLES } from '../../shared/domain/permissions';
import { findMigrationsFolder, newestMigration } from '../db/migrate';

/*
 * What the store's owner does, never a workstation (no workstation holds the owner's password):
 * apply the store's migrations (`npm run db:migrate -- --pg URL`), give the store each role's
 * default rights and scope, and give a user a login of their own (a PostgreSQL role in cc_user).
 */

/** The oldest PostgreSQL the store's SQL was written for (xid8, pg_current_snapshot: 13; tested on 15). */
const OLDEST_SERVER = 140000;

export class StoreVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreVersionError';
  }
}

/** Applies the store's migrations and rules; answers the schema step it is at. */
export async function migrateStore(url: string, folder = findMigrationsFolder(__dirname, 'pg')): Promise<{ tag: string; step: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await checkServer(client);
    const newest = newestMigration(folder);
    const at = await storeVersion(client);
    if (at && stepOf(at) > newest.step) {
      throw new StoreVersionError(`The store is at schema step ${stepOf(at)} (${at}); this version of the app knows up to ${newest.step}. Update the app.`);
    }
    // Its own bookkeeping in schema "drizzle" (the migrations create schema cc themselves).
    await migrate(drizzle(client), { migrationsFolder: folder });
    await client.query('BEGIN');
    await client.query("INSERT INTO cc.meta (key, value) VALUES ('schema', $1) ON CONFLICT (key) DO UPDATE SET value = excluded.value", [newest.tag]);
    for (const role of ROLES) {
      for (const module of MODULES) {
        await client.query(
          'INSERT INTO cc.role_rights (role, module, level) VALUES ($1, $2, $3) ON CONFLICT (role, module) DO UPDATE SET level = excluded.level',
          [role, module, ROLE_DEFAULT_RIGHTS[role][module]],
        );
      }
      await client.query('INSERT INTO cc.role_scopes (role, scope) VALUES ($1, $2) ON CONFLICT (role) DO UPDATE SET scope = excluded.scope', [
        role,
        ROLE_DEFAULT_SCOPE[role],
      ]);
    }
    // Every replicated column readable by users (within their scope), a column added since too.
    await client.query('SELECT cc.grant_reads()');
    await client.query('COMMIT');
    return newest;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    await client.end();
  }
}

/**
 * Gives `login` a role of its own to reach the store with, with `password` (a new one replaces
 * the old). The user's row (rights, scope) comes to the store by sync like any other.
 */
export async function setStoreLogin(ownerUrl: string, login: string, password: string): Promise<string> {
  if (!/^[A-Za-z0-9._-]{1,50}$/.test(login)) throw new Error(`A store login is letters, digits, '.', '_' or '-' (1-50): not "${login}".`);
  if (password.length < 4) throw new Error('A store password has at least 4 characters.');
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const role = `cc_u_${login.toLowerCase()}`;
    const ident = client.escapeIdentifier(role);
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
    // Role options cannot be parameters: the password goes in as a quoted literal.
    const pass = client.escapeLiteral(password);
    const alter = `ALTER ROLE ${ident} LOGIN PASSWORD ${pass}`;
    if (exists.rowCount) {
      await client.query(alter);
    } else {
      // Two owners' sessions may create it at once: the second alters what the first made.
      await client.query(`CREATE ROLE ${ident} LOGIN PASSWORD ${pass} IN ROLE cc_user`).catch(async (e: { code?: string }) => {
        if (e.code !== '42710') throw e;
        await client.query(alter);
      });
    }
    return role;
  } finally {
    await client.end();
  }
}

/** The server is a PostgreSQL the store's SQL runs on. */
async function checkServer(client: pg.Client): Promise<void> {
  const r = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  const v = Number(r.rows[0]?.v ?? 0);
  if (v < OLDEST_SERVER) throw new StoreVersionError(`The store needs PostgreSQL 14 or newer; this server is ${Math.floor(v / 10000)}.`);
}

/** The schema step the store was migrated to (null before the first migration). */
async function storeVersion(client: pg.Client): Promise<string | null> {
  const t = await client.query<{ t: string | null }>("SELECT to_regclass('cc.meta')::text AS t");
  if (!t.rows[0]?.t) return null;
  const r = await client.query<{ value: string }>("SELECT value FROM cc.meta WHERE key = 'schema'");
  return r.rows[0]?.value ?? null;
}

/** The place of a migration tag in the journal, from 1 ("0003_x" is step 4). */
export function stepOf(tag: string): number {
  return Number(/^(\d+)_/.exec(tag)?.[1] ?? -1) + 1;
}

/**
 * The store's first administrator (or another user made by the owner): their row in the store
 * and their login. Answers the user's id. Workstations that join the store then know them.
 */
export async function createStoreUser(ownerUrl: string, login: string, password: string, role: 'admin' | 'supervisor' | 'operator' | 'technician' = 'admin', now = Date.now()): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  let id: string;
  try {
    const found = await client.query<{ id: string }>('SELECT id FROM cc.users WHERE lower(login) = lower($1)', [login]);
    id = found.rows[0]?.id ?? uuidv7();
    if (!found.rowCount) {
      await client.query(
        `INSERT INTO cc.users (id, created_at, updated_at, version, login, display_name, password_hash, role, rights, language, active, session_locked, favourites, start_page, cc_fields)
         VALUES ($1, $2, $2, 1, $3, $3, '!store', $4, '{}', 'en', true, false, '[]', 'module', '{}')`,
        [id, now, login, role],
      );
      await client.query('INSERT INTO cc.log (txid, table_name, row_id) VALUES (pg_current_xact_id(), $1, $2)', ['users', id]);
    }
  } finally {
    await client.end();
  }
  await setStoreLogin(ownerUrl, login, password);
  return id;
}
