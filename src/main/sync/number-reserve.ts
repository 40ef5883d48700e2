import type { ServiceContext } from '../core/context';
import { numberPendingInterventions } from '../interventions/commands';
import { addBlock, numbersLeft } from '../numbering/blocks';
import type { StoreConnection, WorkstationId } from './store-connection';

/*
 * Keeps this workstation supplied with document numbers while it is online (numbering/blocks.ts):
 * each active series gets a new block from the store when fewer than LOW numbers are left, and
 * interventions validated offline without a number then get theirs. A block a workstation never
 * uses up leaves a gap in the series; a number is never given twice.
 */

/** A new block is asked for below this many numbers left: a day's validations on one workstation, offline. */
const LOW = 25;
const BLOCK = 100;

/** Refusals that leave the numbers for later: a series run out, inactive or not in the store yet, or a user who may not number (another user's round will). */
const SERIES_REFUSALS = new Set(['22023', 'P0002', '42501']);

export async function topUpNumbers(s: ServiceContext, c: StoreConnection, ws: WorkstationId): Promise<{ reserved: number; numbered: number }> {
  const series = s.raw.prepare('SELECT id FROM series WHERE active = 1 AND deleted_at IS NULL ORDER BY id').pluck().all() as string[];
  let reserved = 0;
  for (const id of series) {
    if (numbersLeft(s.raw, id) >= LOW) continue;
    try {
      const block = await c.reserve(ws, id, BLOCK, s.now());
      addBlock(s.raw, id, block.first, block.last, s.now());
      reserved += block.last - block.first + 1;
    } catch (e) {
      if (!SERIES_REFUSALS.has((e as { code?: string }).code ?? '')) throw e;
    }
  }
  return { reserved, numbered: numberPendingInterventions(s) };
}
