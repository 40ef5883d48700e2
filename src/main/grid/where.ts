import type { GridFilters, GroupKey, GridView } from '../../shared/grid/query';
import type { Param } from '../db/read-pool';
import { toMatchQuery } from './search-index';
import { groupExpressions } from './columns-sql';
import type { Language } from '../../shared/i18n/languages';
import { placeholders } from '../db/sql';
import { HAS_UNREAD_SQL, hasUnreadParams } from '../thread/reads';

/** The condition of a view with no filter: every live row. */
export const LIVE = 'i.deleted_at IS NULL';

export interface Where {
  sql: string;
  params: Param[];
}

export interface Viewer {
  language: Language;
  personId: string | null;
  userId: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The start and end (ms) of the viewer's today, from their UTC offset. */
export function todayRange(now: number, tzOffsetMinutes: number): [number, number] {
  const offset = tzOffsetMinutes * 60_000;
  const start = Math.floor((now + offset) / 86_400_000) * 86_400_000 - offset;
  return [start, start + 86_400_000];
}

/**
 * The WHERE clause of a view over `interventions i`: live rows, the filters, and the keys of
 * the groups the rows sit in. Filters on a client's attributes become a lookup of client ids,
 * so the interventions side still runs on its client index.
 */
export function buildWhere(view: GridView, path: readonly GroupKey[], viewer: Viewer, now: number): Where {
  const f: GridFilters = view.filters;
  const parts = [LIVE];
  const params: Param[] = [];
  const add = (sql: string, ...values: Param[]) => {
    parts.push(sql);
    params.push(...values);
  };
  const inList = (col: string, values: readonly (string | number)[] | undefined) => {
    if (values && values.length > 0) add(`${col} IN (${placeholders(values.length)})`, ...values);
  };

  if (f.docDateFrom) add('i.doc_date >= ?', f.docDateFrom);
  if (f.docDateTo) add('i.doc_date <= ?', f.docDateTo);
  inList('i.client_id', f.clientIds);
  inList('i.taken_by_id', f.takenByIds);
  inList('i.verifier_id', f.verifierIds);
  inList('i.class1_id', f.class1Ids);
  inList('i.class2_id', f.class2Ids);
  inList('i.class3_id', f.class3Ids);
  inList('i.status', f.statuses);
  inList('i.priority', f.priorities);
  inList('i.source', f.sources);
  if (f.address) {
    const like = `%${escapeLike(f.address)}%`;
    add("i.client_id IN (SELECT id FROM clients WHERE address LIKE ? ESCAPE '\\' OR locality LIKE ? ESCAPE '\\')", like, like);
  }
  if (f.commercialZones && f.commercialZones.length > 0) {
    add(`i.client_id IN (SELECT id FROM clients WHERE commercial_zone IN (${placeholders(f.commercialZones.length)}))`, ...f.commercialZones);
  }
  if (f.mine) {
    // A user who is not linked to a person is responsible for nothing.
    if (!viewer.personId) parts.push('0');
    else {
      add(
        '(i.taken_by_id = ? OR i.verifier_id = ? OR i.id IN (SELECT intervention_id FROM intervention_technicians WHERE person_id = ? AND deleted_at IS NULL))',
        viewer.personId,
        viewer.personId,
        viewer.personId,
      );
    }
  }
  if (f.myAnswer) {
    if (!viewer.personId) parts.push('0');
    else {
      // intervention_technicians_person finds the person's few rows; the status test drops closed ones.
      add(
        "i.id IN (SELECT intervention_id FROM intervention_technicians WHERE person_id = ? AND answer = 'pending' AND deleted_at IS NULL) AND i.status NOT IN ('finalized', 'cancelled')",
        viewer.personId,
      );
    }
  }
  if (f.unread) add(HAS_UNREAD_SQL, ...hasUnreadParams(viewer));
  if (f.awaitingReply) parts.push("i.awaiting_reply = 1 AND i.status NOT IN ('finalized', 'cancelled')");
  if (f.plannedToday) {
    const [from, to] = todayRange(now, view.tzOffsetMinutes);
    add('i.planned_start >= ? AND i.planned_start < ?', from, to);
  }
  if (f.search) {
    const match = toMatchQuery(f.search);
    if (match) add('i.rowid IN (SELECT rowid FROM interventions_fts WHERE interventions_fts MATCH ?)', match);
  }

  const groups = groupExpressions(viewer.language, view.tzOffsetMinutes);
  path.forEach((key, level) => {
    const id = view.groupBy[level];
    if (!id) return;
    const g = groups[id];
    if (g.viaClient) add(`i.client_id IN (SELECT id FROM clients WHERE ${g.viaClient} IS ?)`, key);
    else add(`${g.key} IS ?`, key);
  });
  return { sql: parts.join(' AND '), params };
}
