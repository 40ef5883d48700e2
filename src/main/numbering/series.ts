import type { z } from 'zod';
import { series } from '../db/schema/index';
import { ApiError } from '../../shared/api/result';
import { createRecord, updateRecord } from '../core/records';
import type { Actor, ServiceContext } from '../core/context';
import type { SeriesRow, seriesCreateInput, seriesUpdateInput } from '../../shared/api/numbering';
import { unitOfWork } from '../core/unit';

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
