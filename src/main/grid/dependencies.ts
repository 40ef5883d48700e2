import type { Committed } from '../core/events';
import { tablesOf } from '../core/tables';
import { SEARCHED } from './search-index';

/*
 * What a cached answer of the grid (a count, a group list, a snapshot of a view's order) can be
 * changed by: the tables and columns its SQL reads. A write that touches none of them leaves the
 * answer true, so it is kept (issue: a million-row grid under a stream of writes). Judged from
 * the SQL's own words, so a new filter or join is covered without a list to keep up: a column
 * name that appears anywhere in the SQL counts (a false alarm costs a rebuild; a miss would
 * serve a stale answer, so the rule errs on the side of the alarm).
 */

/** The lower-case words of an SQL text: table names, aliases' columns, function names. */
export function sqlWords(sql: string): ReadonlySet<string> {
  return new Set(sql.toLowerCase().match(/[a-z_][a-z0-9_]*/g) ?? []);
}


/** Whether what a unit of work wrote can change an answer computed by SQL with these words. */
export function canChange(notice: Committed, words: ReadonlySet<string>): boolean {
  for (const row of notice.rows) {
    // The search index is other columns' and another table's text (a client's name finds its
    // interventions): a write to them changes what a search finds although its SQL names only the index.
    const searched = SEARCHED[row.table];
    if (words.has('interventions_fts') && searched && (row.op !== 'update' || row.columns.some((c) => searched.includes(c)))) return true;
    if (!words.has(row.table)) continue;
    // A new or removed row can enter or leave any answer over its table.
    if (row.op !== 'update') return true;
    if (row.columns.some((c) => words.has(c))) return true;
  }
  // A derived change names its capability only: any answer over one of its tables may be wrong.
  return notice.touched.some((capability) => tablesOf(capability).some((t) => words.has(t)));
}
