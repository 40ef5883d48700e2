import type { RawDb } from '../db/connection';
import type { FileStore } from '../files/file-store';
import type { StoreConnection } from './store-connection';

/*
 * Interventions that left the user's scope leave the workstation (a technician taken off a job
 * no longer carries its client's details and thread on their laptop). The store says which of
 * the ones held here are no longer the user's (cc.left_scope); they go with what only they
 * needed: technicians, thread, mentions, read marks, the attachments and register entries of
 * that thread (and the files' bytes no other attachment shares), and the clients, contacts and
 * assets no remaining intervention refers to. Removed here only: nothing is pushed (the rows are
 * the store's and stay there), and nothing goes while changes made here wait to be sent.
 */

const ASK_AT_ONCE = 5000;

/** Whether changes made here wait to be sent. */
const waiting = (raw: RawDb) => raw.prepare('SELECT 1 FROM outbox WHERE pushed_at IS NULL LIMIT 1').get() !== undefined;

/** Asks the store and removes what left; answers how many interventions went. */
export async function dropLeftScope(raw: RawDb, files: FileStore, c: StoreConnection): Promise<number> {
  // Not while anything waits to be sent: a note or an answer made here must reach the store (or
  // be refused by it, saying so) before its intervention may go.
  if (waiting(raw)) return 0;
  const held = raw.prepare('SELECT id FROM interventions').pluck().all() as string[];
  const gone: string[] = [];
  for (let i = 0; i < held.length; i += ASK_AT_ONCE) gone.push(...(await c.leftScope(held.slice(i, i + ASK_AT_ONCE))));
  if (gone.length === 0) return 0;
  const removed = removeRows(raw, gone);
  if (!removed) return 0;
  for (const sha of removed) files.remove(sha);
  return gone.length;
}

/**
 * Removes the interventions and what only they needed, in one transaction; answers the files no
 * attachment refers to any more, or null when a change made here meanwhile waits to be sent.
 */
function removeRows(raw: RawDb, ids: string[]): string[] | null {
  return raw.transaction(() => {
    if (waiting(raw)) return null;
    raw.pragma('defer_foreign_keys = ON');
    raw.exec('DROP TABLE IF EXISTS temp.left_scope; CREATE TEMP TABLE left_scope (id TEXT PRIMARY KEY) WITHOUT ROWID');
    const add = raw.prepare('INSERT OR IGNORE INTO temp.left_scope (id) VALUES (?)');
    for (const id of ids) add.run(id);
    // What the thread refers to, before the thread goes.
    const attachments = raw
      .prepare('SELECT DISTINCT attachment_id FROM intervention_messages WHERE intervention_id IN (SELECT id FROM temp.left_scope) AND attachment_id IS NOT NULL')
      .pluck()
      .all() as string[];
    const entries = raw
      .prepare('SELECT DISTINCT register_entry_id FROM intervention_messages WHERE intervention_id IN (SELECT id FROM temp.left_scope) AND register_entry_id IS NOT NULL')
      .pluck()
      .all() as string[];
    const clients = raw.prepare('SELECT DISTINCT client_id FROM interventions WHERE id IN (SELECT id FROM temp.left_scope)').pluck().all() as string[];
    for (const table of ['message_mentions', 'message_reads', 'intervention_messages', 'intervention_technicians']) {
      raw.prepare(`DELETE FROM ${table} WHERE intervention_id IN (SELECT id FROM temp.left_scope)`).run();
    }
    raw.prepare('DELETE FROM interventions_fts WHERE rowid IN (SELECT rowid FROM interventions WHERE id IN (SELECT id FROM temp.left_scope))').run();
    raw.prepare('DELETE FROM interventions WHERE id IN (SELECT id FROM temp.left_scope)').run();
    // Register entries and attachments no remaining row refers to.
    const dropEntry = raw.prepare(
      'DELETE FROM correspondence_register WHERE id = ? AND id NOT IN (SELECT register_entry_id FROM intervention_messages WHERE register_entry_id IS NOT NULL)',
    );
    for (const id of entries) dropEntry.run(id);
    const shaOf = raw.prepare('SELECT sha256 FROM attachments WHERE id = ?').pluck();
    const dropAttachment = raw.prepare(
      `DELETE FROM attachments WHERE id = ? AND id NOT IN (SELECT attachment_id FROM intervention_messages WHERE attachment_id IS NOT NULL)
         AND id NOT IN (SELECT attachment_id FROM correspondence_register WHERE attachment_id IS NOT NULL)
         AND id NOT IN (SELECT attachment_id FROM request_type_templates WHERE attachment_id IS NOT NULL)`,
    );
    const shared = raw.prepare('SELECT 1 FROM attachments WHERE sha256 = ?');
    const unshared: string[] = [];
    for (const id of attachments) {
      const sha = shaOf.get(id) as string | undefined;
      if (dropAttachment.run(id).changes > 0 && sha && !shared.get(sha)) unshared.push(sha);
    }
    for (const sha of unshared) raw.prepare('DELETE FROM synced_files WHERE sha256 = ?').run(sha);
    // Clients (with their contacts and assets) that no remaining intervention refers to.
    const dropClient = [
      'DELETE FROM contact_persons WHERE client_id = @id',
      'DELETE FROM client_assets WHERE client_id = @id',
      'DELETE FROM clients WHERE id = @id',
    ].map((sql) => raw.prepare(sql));
    const stillUsed = raw.prepare('SELECT 1 FROM interventions WHERE client_id = ?');
    for (const id of clients) if (!stillUsed.get(id)) for (const drop of dropClient) drop.run({ id });
    raw.exec('DROP TABLE temp.left_scope');
    return unshared;
  })();
}
