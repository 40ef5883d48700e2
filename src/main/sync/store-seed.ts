import Database from 'better-sqlite3';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { TABLES } from '../core/tables';
import { copyField } from './copy-text';
import { localTable, NO_LOCAL_PASSWORD } from './local-tables';
import { LOCAL_ONLY } from './store-schema';

/*
 * A new store filled from a workstation's database in one go (`npm run db:migrate -- --pg URL
 * --seed FILE`): an office that worked standalone keeps its years of interventions when it moves
 * to a shared store. COPY FROM into each table, in one transaction; pushing the same rows through
 * the outbox would take the store's per-mutation rules about 12 minutes per million. Only into a
 * store with no interventions or clients yet (it does not merge). Workstations then join it and
 * download it (sync/bootstrap.ts). Passwords stay behind: users log in to the store once an
 * administrator gives them a store login (the CLI's --admin makes the first).
 */

/** Lines per write into the COPY stream (a few hundred kilobytes). */
const CHUNK_LINES = 2000;

export async function seedStore(ownerUrl: string, dbPath: string, onTable?: (table: string, rows: number) => void): Promise<Record<string, number>> {
  const db = new Database(dbPath, { readonly: true, fileMustExist: true });
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  const counts: Record<string, number> = {};
  try {
    const held = await client.query<{ n: string }>('SELECT (SELECT count(*) FROM cc.interventions) + (SELECT count(*) FROM cc.clients) AS n');
    if (Number(held.rows[0]!.n) > 0) throw new Error('The store already holds interventions or clients: a store is filled from a workstation only when it is new.');
    await client.query('BEGIN');
    for (const table of Object.keys(TABLES)) {
      const t = localTable(table)!;
      const skip = new Set(LOCAL_ONLY[table] ?? []);
      const cols = [...t.byColumn.keys()].filter((c) => !skip.has(c));
      const select = cols.map((c) => (table === 'users' && c === 'password_hash' ? `'${NO_LOCAL_PASSWORD}'` : `"${c}"`)).join(', ');
      const stream = client.query(copyFrom(`COPY cc."${table}" (${cols.map((c) => client.escapeIdentifier(c)).join(', ')}) FROM STDIN`));
      const done = new Promise<void>((resolve, reject) => {
        stream.on('finish', resolve);
        stream.on('error', reject);
      });
      let lines: string[] = [];
      let n = 0;
      const write = async (text: string) => {
        // Waits while the server is behind (the stream's buffer is full).
        if (!stream.write(text)) await new Promise((r) => stream.once('drain', r));
      };
      for (const row of db.prepare(`SELECT ${select} FROM "${table}"`).raw().iterate() as IterableIterator<unknown[]>) {
        lines.push(row.map(copyField).join('\t'));
        n++;
        if (lines.length >= CHUNK_LINES) {
          await write(lines.join('\n') + '\n');
          lines = [];
        }
      }
      if (lines.length > 0) await write(lines.join('\n') + '\n');
      stream.end();
      await done;
      counts[table] = n;
      onTable?.(table, n);
    }
    await client.query('COMMIT');
    await client.query('ANALYZE');
    return counts;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    db.close();
    await client.end();
  }
}
