import { ApiError } from '../../shared/api/result';
import type { ServiceContext } from '../core/context';
import { recordChange, unitOfWork } from '../core/unit';
import { SYSTEM } from '../core/context';

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
  // Part of the document's own unit of work when there is one (its outbox mutation carries the counter).
  return unitOfWork(s, SYSTEM, () => take(s, seriesId));
}

function take(s: ServiceContext, seriesId: string): number {
  const row = s.raw.prepare(TAKE_NUMBER_SQL).get(s.now(), seriesId) as { number: number } | undefined;
  if (row) {
    // A side effect of the document's own change: it names neither the action nor its subject.
    recordChange(s, { table: 'series', rowId: seriesId, op: 'update', changes: { next_number: row.number + 1 }, before: null, baseVersion: 0 }, null);
    return row.number;
  }
  const series = s.raw.prepare('SELECT prefix, next_number, end_number, active FROM series WHERE id = ? AND deleted_at IS NULL').get(seriesId) as
    | { prefix: string; next_number: number; end_number: number; active: number }
    | undefined;
  if (!series) throw new ApiError('validation', 'The document series does not exist.', [{ path: 'seriesId', message: 'unknown' }]);
  if (!series.active) throw new ApiError('validation', `The series ${series.prefix} is not active.`, [{ path: 'seriesId', message: 'inactive' }]);
  throw new ApiError('validation', `The series ${series.prefix} has run out of numbers (it ends at ${series.end_number}).`, [{ path: 'seriesId', message: 'exhausted' }]);
}

/** The open working period that holds the date, or a clear refusal. Dates are yyyy-mm-dd. */
export function checkWorkingPeriod(s: ServiceContext, docDate: string): void {
  const open = s.raw
    .prepare('SELECT 1 FROM working_periods WHERE open = 1 AND deleted_at IS NULL AND start_date <= ? AND end_date >= ? LIMIT 1')
    .get(docDate, docDate);
  if (!open) {
    throw new ApiError('validation', `The date ${docDate} is outside the open working period.`, [{ path: 'docDate', message: 'outside the open working period' }]);
  }
}
