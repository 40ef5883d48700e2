import { type z } from 'zod';
import { type PeriodRow, type periodCreateInput, type periodUpdateInput } from '../../shared/api/numbering';
import { ApiError } from '../../shared/api/result';
import { type ServiceContext, type Actor } from '../core/context';
import { createRecord, updateRecord, deleteRecord } from '../core/records';
import { unitOfWork } from '../core/unit';
import { workingPeriods } from '../db/schema';

/* Working periods: the dates documents may carry, and their administration. */

/** The open working period that holds the date, or a clear refusal. Dates are yyyy-mm-dd. */
export function checkWorkingPeriod(s: ServiceContext, docDate: string): void {
  const open = s.raw
    .prepare('SELECT 1 FROM working_periods WHERE open = 1 AND deleted_at IS NULL AND start_date <= ? AND end_date >= ? LIMIT 1')
    .get(docDate, docDate);
  if (!open) {
    throw new ApiError('validation', `The date ${docDate} is outside the open working period.`, [{ path: 'docDate', message: 'outside the open working period' }]);
  }
}

/*
 * Working periods: a document's date must fall in an open one (checkWorkingPeriod in
 * numbering.ts). Periods never overlap, so a date belongs to one period at most and closing a
 * period closes exactly the dates it shows.
 */

interface Stored {
  id: string;
  version: number;
  start_date: string;
  end_date: string;
  open: number;
  documents: number;
}

const SELECT = `SELECT p.id, p.version, p.start_date, p.end_date, p.open,
         (SELECT COUNT(*) FROM interventions i
          WHERE i.deleted_at IS NULL AND i.doc_date >= p.start_date AND i.doc_date <= p.end_date) AS documents
       FROM working_periods p WHERE p.deleted_at IS NULL`;

const toRow = (r: Stored): PeriodRow => ({
  id: r.id,
  version: r.version,
  startDate: r.start_date,
  endDate: r.end_date,
  open: r.open === 1,
  documents: r.documents,
});

export function listPeriods(s: ServiceContext): PeriodRow[] {
  return (s.raw.prepare(`${SELECT} ORDER BY p.start_date DESC`).all() as Stored[]).map(toRow);
}

function getPeriod(s: ServiceContext, id: string): PeriodRow {
  const r = s.raw.prepare(`${SELECT} AND p.id = ?`).get(id) as Stored | undefined;
  if (!r) throw new ApiError('not_found', 'The working period no longer exists.');
  return toRow(r);
}

function checkNoOverlap(s: ServiceContext, startDate: string, endDate: string, exceptId: string | null): void {
  const other = s.raw
    .prepare('SELECT start_date, end_date FROM working_periods WHERE deleted_at IS NULL AND id <> ? AND start_date <= ? AND end_date >= ? LIMIT 1')
    .get(exceptId ?? '', endDate, startDate) as { start_date: string; end_date: string } | undefined;
  if (other) {
    const message = `overlaps the period ${other.start_date} – ${other.end_date}`;
    throw new ApiError('validation', `The period ${startDate} – ${endDate} overlaps the period ${other.start_date} – ${other.end_date}.`, [
      { path: 'startDate', message },
      { path: 'endDate', message },
    ]);
  }
}

export function createPeriod(s: ServiceContext, actor: Actor, input: z.output<typeof periodCreateInput>): PeriodRow {
  return unitOfWork(s, actor, () => {
      checkNoOverlap(s, input.startDate, input.endDate, null);
      return getPeriod(s, createRecord(s, actor, workingPeriods, input).id);
    });
}

export function updatePeriod(s: ServiceContext, actor: Actor, input: z.output<typeof periodUpdateInput>): PeriodRow {
  return unitOfWork(s, actor, () => {
      const { id, version, ...patch } = input;
      checkNoOverlap(s, patch.startDate, patch.endDate, id);
      updateRecord(s, actor, workingPeriods, id, version, patch);
      return getPeriod(s, id);
    });
}

/** Only a period no document is dated in may be removed (one added by mistake); others are closed. */
export function deletePeriod(s: ServiceContext, actor: Actor, id: string, version: number): void {
  unitOfWork(s, actor, () => {
        const p = getPeriod(s, id);
        if (p.documents > 0) {
          throw new ApiError('validation', `The period ${p.startDate} – ${p.endDate} has ${p.documents} documents dated in it; close it instead of deleting it.`);
        }
        deleteRecord(s, actor, workingPeriods, id, version);
      });
}
