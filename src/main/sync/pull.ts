import type { ServiceContext } from '../core/context';
import { applyPulled } from './apply';
import { START, type StoreConnection } from './store-connection';
import { readCursor, writeCursor } from './sync-state';

/*
 * The pull side of a round: the store's changes after the workstation's cursor, batch by batch,
 * each batch applied with its cursor in one SQLite transaction (sync/apply.ts).
 */

const PULL_BATCH = 1000;

/**
 * Pulls until nothing is left; answers the entries pulled, and whether changes already committed
 * are held back by an older transaction still running in the store (worth asking again soon).
 */
export async function pullAll(s: ServiceContext, c: StoreConnection): Promise<{ pulled: number; heldBack: boolean }> {
  let pulled = 0;
  for (;;) {
    const cursor = readCursor(s.raw);
    const batch = await c.pull(cursor, PULL_BATCH);
    const heldBack = batch.length < PULL_BATCH ? await c.heldBack(batch.length > 0 ? batch[batch.length - 1]!.cursor : cursor) : false;
    if (batch.length === 0) return { pulled, heldBack };
    pulled += batch.length;
    applyPulled(
      s,
      batch.map((e) => ({ table: e.table, rowId: e.rowId, data: e.data })),
      () => writeCursor(s.raw, batch[batch.length - 1]!.cursor),
    );
    if (batch.length < PULL_BATCH) return { pulled, heldBack };
  }
}

/**
 * A cursor at or past the store's next transaction id is from before a restore of the store: the
 * ids after it may be given again, so the log is pulled again from its start (each row comes as
 * the store has it; what this workstation had pushed and the store lost is sent again, see
 * outbox.ts unmarkLost). Answers whether it was so.
 */
export async function startAgainIfRestored(s: ServiceContext, c: StoreConnection): Promise<boolean> {
  if (BigInt(readCursor(s.raw).txid) < BigInt(await c.nextTxid())) return false;
  writeCursor(s.raw, START);
  return true;
}
