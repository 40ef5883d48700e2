import { type z } from 'zod';
import { type SeriesRow, type seriesCreateInput, type seriesUpdateInput, type SeriesOption } from '../../shared/api/numbering';
import { ApiError } from '../../shared/api/result';
import { type ServiceContext, SYSTEM, type Actor } from '../core/context';
import { createRecord, updateRecord } from '../core/records';
import { unitOfWork, recordChange } from '../core/unit';
import { series } from '../db/schema';
import { numbersFromBlocks, takeFromBlock } from './blocks';

/*
 * Document series: numbers given in order and never reused, the series an operator may
 * validate into, and their administration.
 */

/** Parameters: updated_at, series id. Exported so the concurrency test runs the very same statement. */
export const TAKE_NUMBER_SQL = `UPDATE series SET next_number = next_number + 1, version = version + 1, updated_at = ?
       WHERE id = ? AND deleted_at IS NULL AND active = 1 AND next_number <= end_number
       RETURNING next_number - 1 AS number`;

/**
 * Takes the next number of a series. One UPDATE … RETURNING both reads and advances the
 * counter, so two validations (two windows, or the write lock handed between processes) can
 * never get the same number; a number once taken is never given again, even if the document
 * is later cancelled. Must run inside the caller's transaction so a failed save gives it back.
 */
export function takeNumber(s: ServiceContext, seriesId: string): number {
  const n = takeNumberOrPending(s, seriesId);
  if (n === null) {
    throw new ApiError('validation', 'This workstation has no numbers of the series left while it is offline; they come with the next sync.', [
      { path: 'seriesId', message: 'no numbers offline' },
    ]);
  }
  return n;
}

/**
 * The same, for documents that may wait for their number: null when this workstation syncs with
 * a store and has no reserved number of the series left (offline), numbering/blocks.ts.
 */
export function takeNumberOrPending(s: ServiceContext, seriesId: string): number | null {
  // Part of the document's own unit of work when there is one (its outbox mutation carries the counter).
  return unitOfWork(s, SYSTEM, () => take(s, seriesId));
}

function take(s: ServiceContext, seriesId: string): number | null {
  if (numbersFromBlocks(s.raw)) {
    usableSeries(s, seriesId);
    return takeFromBlock(s.raw, seriesId);
  }
  const row = s.raw.prepare(TAKE_NUMBER_SQL).get(s.now(), seriesId) as { number: number } | undefined;
  if (row) {
    // A side effect of the document's own change: it names neither the action nor its subject.
    recordChange(s, { table: 'series', rowId: seriesId, op: 'update', changes: { next_number: row.number + 1 }, before: null, baseVersion: 0 }, null);
    return row.number;
  }
  const series = usableSeries(s, seriesId);
  throw new ApiError('validation', `The series ${series.prefix} has run out of numbers (it ends at ${series.end_number}).`, [{ path: 'seriesId', message: 'exhausted' }]);
}

/** The series, when it exists and is active; a clear refusal otherwise. */
function usableSeries(s: ServiceContext, seriesId: string): { prefix: string; end_number: number } {
  const series = s.raw.prepare('SELECT prefix, end_number, active FROM series WHERE id = ? AND deleted_at IS NULL').get(seriesId) as
    | { prefix: string; end_number: number; active: number }
    | undefined;
  if (!series) throw new ApiError('validation', 'The document series does not exist.', [{ path: 'seriesId', message: 'unknown' }]);
  if (!series.active) throw new ApiError('validation', `The series ${series.prefix} is not active.`, [{ path: 'seriesId', message: 'inactive' }]);
  return series;
}

/*
 * Document series as the administrator sees them. The counter itself (takeNumber in
 * numbering.ts) is not touched here; this only guards what an administrator may set, so that a
 * number once given is never given again.
 */

interface Stored {
  id: string;
  version: number;
  doc_type: 'intervention' | 'register';
  prefix: string;
  next_number: number;
  end_number: number;
  active: number;
  last_used: number | null;
}

const SELECT = `SELECT s.id, s.version, s.doc_type, s.prefix, s.next_number, s.end_number, s.active,
         (SELECT MAX(i.number) FROM interventions i WHERE i.series_id = s.id) AS last_used
       FROM series s WHERE s.deleted_at IS NULL`;

function toRow(r: Stored): SeriesRow {
  return {
    id: r.id,
    version: r.version,
    docType: r.doc_type,
    prefix: r.prefix,
    nextNumber: r.next_number,
    endNumber: r.end_number,
    active: r.active === 1,
    remaining: Math.max(0, r.end_number - r.next_number + 1),
    lastUsed: r.last_used,
  };
}

export function listSeries(s: ServiceContext): SeriesRow[] {
  return (s.raw.prepare(`${SELECT} ORDER BY s.doc_type, s.prefix COLLATE NOCASE`).all() as Stored[]).map(toRow);
}

function getSeries(s: ServiceContext, id: string): SeriesRow {
  const r = s.raw.prepare(`${SELECT} AND s.id = ?`).get(id) as Stored | undefined;
  if (!r) throw new ApiError('not_found', 'The series no longer exists.');
  return toRow(r);
}

/** The unique index covers deleted rows too, so a prefix is checked against all of them. */
function checkPrefixFree(s: ServiceContext, docType: string, prefix: string, exceptId: string | null): void {
  const other = s.raw
    .prepare('SELECT id FROM series WHERE doc_type = ? AND prefix = ? COLLATE NOCASE AND id <> ?')
    .get(docType, prefix, exceptId ?? '') as { id: string } | undefined;
  if (other) {
    throw new ApiError('validation', `A ${docType} series with the prefix ${prefix} already exists.`, [{ path: 'prefix', message: 'already used by another series of this type' }]);
  }
}

export function createSeries(s: ServiceContext, actor: Actor, input: z.output<typeof seriesCreateInput>): SeriesRow {
  return unitOfWork(s, actor, () => {
      checkPrefixFree(s, input.docType, input.prefix, null);
      const row = createRecord(s, actor, series, input);
      return getSeries(s, row.id);
    });
}

/**
 * Whether some document carries a number of the series. Interventions point to their series;
 * register entries keep their number as text ("REG-12"), found by its prefix (an index range).
 * Renaming the prefix then would show those numbers under another name, and a new series with
 * the old prefix would give the same numbers again.
 */
function numbersGiven(s: ServiceContext, current: SeriesRow): boolean {
  if (current.docType === 'intervention') return current.lastUsed !== null;
  return s.raw.prepare('SELECT 1 FROM correspondence_register WHERE number >= ? AND number < ? LIMIT 1').get(`${current.prefix}-`, `${current.prefix}.`) !== undefined;
}

/**
 * The next number may go forward (skipping numbers is allowed, e.g. to continue a paper book)
 * but never back: every number below it was given, or is carried by a document.
 */
export function updateSeries(s: ServiceContext, actor: Actor, input: z.output<typeof seriesUpdateInput>): SeriesRow {
  return unitOfWork(s, actor, () => {
      const current = getSeries(s, input.id);
      if (current.version !== input.version) {
        throw new ApiError('conflict', `The series ${current.prefix} was changed meanwhile (a number may have been given). Its current values are shown again.`);
      }
      checkPrefixFree(s, current.docType, input.prefix, input.id);
      if (input.prefix !== current.prefix && numbersGiven(s, current)) {
        throw new ApiError(
          'validation',
          `The series ${current.prefix} has given numbers, and its prefix is part of each of them: it cannot change. Deactivate it and add a new series instead.`,
          [{ path: 'prefix', message: 'numbers were given with this prefix' }],
        );
      }
      const floor = Math.max(current.nextNumber, (current.lastUsed ?? 0) + 1);
      if (input.nextNumber < floor) {
        throw new ApiError(
          'validation',
          `The next number cannot go back below ${floor}: numbers up to ${floor - 1} were already given and are never reused.`,
          [{ path: 'nextNumber', message: `at least ${floor}` }],
        );
      }
      const { id, version, ...patch } = input;
      updateRecord(s, actor, series, id, version, patch);
      return getSeries(s, id);
    });
}

/** The active intervention series, oldest first: the first one is the default (as main's own default is). */
export function activeInterventionSeries(s: ServiceContext): SeriesOption[] {
  return s.raw
    .prepare(
      `SELECT id, prefix, next_number AS nextNumber, end_number AS endNumber FROM series
       WHERE doc_type = 'intervention' AND active = 1 AND deleted_at IS NULL
       ORDER BY created_at, id`,
    )
    .all() as SeriesOption[];
}
