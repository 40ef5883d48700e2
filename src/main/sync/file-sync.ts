import type { RawDb } from '../db/connection';
import type { FileStore } from '../files/file-store';
import type { StoreConnection } from './store-connection';

/*
 * Attachments' bytes through the shared store (issue 13, point 7). Rows sync like any other;
 * their files follow after each round's push and pull: a file here that the store lacks goes up,
 * a file the store has that is not here comes down, in parts of 1 MiB, so a transfer cut short
 * goes on from its last part (the store keeps the parts it has; a download keeps its partial file
 * in the file store's .incoming). Content-addressed on both sides: the same file is sent and kept
 * once, and its hash is checked at the end on both sides. The store gives a file only to a user
 * who may read an attachment of it (migrations/pg/0007_file_functions.sql).
 */

/** The store's part size (cc.file_part_size()). */
export const PART_BYTES = 1024 * 1024;
/** Bytes moved per round at most: files never hold back the next round's changes for long. */
const ROUND_BYTES = 32 * 1024 * 1024;
/** Files looked at per round. */
const BATCH = 200;

export interface FileSyncResult {
  /** Files here the store lacks, and files not here yet. */
  toSend: number;
  toReceive: number;
  /** Files here whose bytes do not match their hash (damaged on disk): the store refused them. */
  damaged: string[];
  /** More could move now (the round's budget ran out). */
  more: boolean;
}

const partsOf = (size: number) => Math.max(1, Math.ceil(size / PART_BYTES));

export async function syncFiles(raw: RawDb, files: FileStore, c: StoreConnection, now: number): Promise<FileSyncResult> {
  const page = raw.prepare(
    `SELECT sha256, max(size) AS size FROM attachments
     WHERE deleted_at IS NULL AND sha256 > ? AND sha256 NOT IN (SELECT sha256 FROM synced_files)
     GROUP BY sha256 ORDER BY sha256 LIMIT ?`,
  );
  const synced = raw.prepare('INSERT OR IGNORE INTO synced_files (sha256) VALUES (?)');
  const budget = { left: ROUND_BYTES };
  let toSend = 0;
  let toReceive = 0;
  const damaged: string[] = [];
  // Every file not known to be on both sides, a page at a time (one question to the store per page).
  for (let after = ''; ; ) {
    const candidates = page.all(after, BATCH) as { sha256: string; size: number }[];
    if (candidates.length === 0) break;
    after = candidates[candidates.length - 1]!.sha256;
    const inStore = await c.fileState(candidates.map((f) => f.sha256));
    for (const f of candidates) {
      const outcome = await moveFile(files, c, f, inStore.get(f.sha256), budget, now);
      if (outcome === 'done') synced.run(f.sha256);
      else if (outcome === 'send') toSend++;
      else if (outcome === 'damaged') damaged.push(f.sha256);
      else toReceive++;
    }
  }
  return { toSend: toSend + damaged.length, toReceive, damaged, more: budget.left <= 0 };
}

/** Moves what it can of one file within the round's budget; answers where it stands. */
async function moveFile(
  files: FileStore,
  c: StoreConnection,
  f: { sha256: string; size: number },
  state: { parts: number; complete: boolean } | undefined,
  budget: { left: number },
  now: number,
): Promise<'done' | 'send' | 'receive' | 'damaged'> {
  const here = files.has(f.sha256);
  if (here && state?.complete) return 'done';
  if (here) {
    // The store gives nothing of it to this user yet: its row has not been pushed. Next round.
    if (!state) return 'send';
    // Up from the first part the store lacks (the store keeps whole parts only).
    for (let part = state.parts; part < partsOf(f.size) && budget.left > 0; part++) {
      const bytes = files.readRange(f.sha256, part * PART_BYTES, PART_BYTES);
      budget.left -= bytes.byteLength;
      const answer = await c.putFilePart(f.sha256, f.size, part, bytes, now);
      if (answer === 'complete') return 'done';
      // The file here is not what its name says (damaged on disk): the store kept none of it.
      if (answer === 'mismatch') return 'damaged';
    }
    return 'send';
  }
  // Not here, and not all in the store yet (its workstation has not sent it), or not this user's to have.
  if (!state?.complete) return 'receive';
  // Down from where a download cut short stopped (whole parts only).
  let part = Math.floor(files.partialSize(f.sha256) / PART_BYTES);
  for (; part < partsOf(f.size) && budget.left > 0; part++) {
    const bytes = await c.getFilePart(f.sha256, part);
    if (!bytes) return 'receive';
    files.writePartial(f.sha256, part * PART_BYTES, bytes);
    budget.left -= bytes.byteLength;
  }
  return part >= partsOf(f.size) && files.finishPartial(f.sha256) ? 'done' : 'receive';
}
