import type { z } from 'zod';
import type { CallColumn, CallGroup, CallGrouping, CallRow, callFilters, callsListInput } from '../../shared/api/call-log';
import { CALL_OUTCOMES } from '../../shared/api/call-log';
import { ApiError } from '../../shared/api/result';
import type { ServiceContext } from '../core/context';
import type { ExportKind } from '../exports/export-worker';

/*
 * Reading the call log: the rows (newest first), the groups with their counts, the calls of an
 * intervention, and the SQL an export walks. One FROM and one WHERE for all of them, so a group's
 * count is always the number of rows it opens to and an export holds what the screen shows.
 */

type Filters = z.output<typeof callFilters>;

const FROM_SQL = `FROM calls c LEFT JOIN clients cl ON cl.id = c.client_id LEFT JOIN contact_persons cp ON cp.id = c.contact_person_id
  LEFT JOIN users u ON u.id = c.user_id LEFT JOIN interventions i ON i.id = c.intervention_id LEFT JOIN series se ON se.id = i.series_id`;

const DURATION_SQL = 'CASE WHEN c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL THEN (c.ended_at - c.answered_at) / 1000 END';
const INTERVENTION_LABEL_SQL = "CASE WHEN i.id IS NULL THEN NULL WHEN i.number IS NULL THEN '—' ELSE coalesce(se.prefix || ' ', '') || i.number END";

const ROW_SQL = `SELECT c.id, c.direction, c.number, c.e164, c.client_id AS clientId, cl.name AS clientName, cp.name AS contactName,
    u.display_name AS operator, c.started_at AS startedAt, c.answered_at AS answeredAt, c.ended_at AS endedAt,
    ${DURATION_SQL} AS durationS, c.outcome, c.intervention_id AS interventionId, ${INTERVENTION_LABEL_SQL} AS interventionLabel,
    c.handled_at AS handledAt, NULL AS recordingId
  ${FROM_SQL}`;

/** The viewer's calendar day a call started on (their zone's offset now, as the grid's day filters). */
const daySql = (tzOffsetMinutes: number) => `date(c.started_at / 1000 + ${Math.trunc(tzOffsetMinutes) * 60}, 'unixepoch')`;

/** Each grouping's key and label (the key is what a group's filter compares). */
function grouping(by: CallGrouping, tzOffsetMinutes: number): { key: string; label: string; order: string } {
  switch (by) {
    case 'day':
      return { key: daySql(tzOffsetMinutes), label: daySql(tzOffsetMinutes), order: 'key DESC' };
    case 'operator':
      return { key: 'c.user_id', label: 'u.display_name', order: 'label IS NULL, label COLLATE NOCASE, key' };
    case 'client':
      return { key: 'c.client_id', label: 'cl.name', order: 'label IS NULL, label COLLATE NOCASE, key' };
    case 'outcome':
      // In the order a supervisor reads them (answered first), not alphabetically in one language.
      return { key: 'c.outcome', label: 'c.outcome', order: `CASE key ${CALL_OUTCOMES.map((o, i) => `WHEN '${o}' THEN ${i}`).join(' ')} END` };
    case 'direction':
      return { key: 'c.direction', label: 'c.direction', order: "key = 'out', key" };
  }
}

function whereOf(userId: string, f: Filters, tzOffsetMinutes: number): { sql: string; params: (string | number)[] } {
  const where: string[] = ['1 = 1'];
  const params: (string | number)[] = [];
  if (f.direction) {
    where.push('c.direction = ?');
    params.push(f.direction);
  }
  if (f.outcomes && f.outcomes.length > 0) {
    where.push(`c.outcome IN (${f.outcomes.map(() => '?').join(', ')})`);
    params.push(...f.outcomes);
  }
  if (f.unhandled) where.push("c.outcome = 'missed' AND c.handled_at IS NULL");
  if (f.mine) {
    where.push('c.user_id = ?');
    params.push(userId);
  }
  if (f.from !== undefined) {
    where.push('c.started_at >= ?');
    params.push(f.from);
  }
  if (f.to !== undefined) {
    where.push('c.started_at < ?');
    params.push(f.to);
  }
  if (f.search) {
    const like = `%${f.search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    where.push("(c.number LIKE ? ESCAPE '\\' OR c.e164 LIKE ? ESCAPE '\\' OR cl.name LIKE ? ESCAPE '\\')");
    params.push(like, like, like);
  }
  if (f.group) {
    const { key } = grouping(f.group.by, tzOffsetMinutes);
    if (f.group.key === null) where.push(`${key} IS NULL`);
    else {
      where.push(`${key} = ?`);
      params.push(f.group.key);
    }
  }
  return { sql: where.join(' AND '), params };
}

/** Whose recordings the caller may hear: none (no right), their own, or everyone's. */
export type Hearing = 'none' | 'own' | 'all';

/** Each row's recording (complete or cut short), where the caller may hear it. */
function withRecordings(s: ServiceContext, rows: CallRow[], userId: string, hearing: Hearing): CallRow[] {
  if (hearing === 'none' || rows.length === 0) return rows;
  const found = s.raw
    .prepare(`SELECT call_id AS callId, id, user_id AS userId FROM recordings WHERE status IN ('complete', 'interrupted') AND call_id IN (${rows.map(() => '?').join(', ')})`)
    .all(...rows.map((r) => r.id)) as { callId: string; id: string; userId: string }[];
  const byCall = new Map(found.filter((r) => hearing === 'all' || r.userId === userId).map((r) => [r.callId, r.id]));
  return rows.map((r) => ({ ...r, recordingId: byCall.get(r.id) ?? null }));
}

export function callRow(s: ServiceContext, id: string): CallRow {
  const row = s.raw.prepare(`${ROW_SQL} WHERE c.id = ?`).get(id) as CallRow | undefined;
  if (!row) throw new ApiError('not_found', `No call ${id}.`);
  return row;
}

export function callsOfIntervention(s: ServiceContext, userId: string, hearing: Hearing, interventionId: string): CallRow[] {
  return withRecordings(s, s.raw.prepare(`${ROW_SQL} WHERE c.intervention_id = ? ORDER BY c.started_at, c.id`).all(interventionId) as CallRow[], userId, hearing);
}

/** The log, newest first; `mine` and `unhandled` as the Calls module's quick filters. */
export function listCalls(s: ServiceContext, userId: string, hearing: Hearing, q: z.output<typeof callsListInput>): { rows: CallRow[]; total: number } {
  const where = whereOf(userId, q.filters, q.tzOffsetMinutes);
  const rows = s.raw.prepare(`${ROW_SQL} WHERE ${where.sql} ORDER BY c.started_at DESC, c.id DESC LIMIT ? OFFSET ?`).all(...where.params, q.limit, q.offset) as CallRow[];
  const total = (s.raw.prepare(`SELECT count(*) AS n ${FROM_SQL} WHERE ${where.sql}`).get(...where.params) as { n: number }).n;
  return { rows: withRecordings(s, rows, userId, hearing), total };
}

/** The groups of the filtered log with their counts; `total` is their sum. */
export function callGroups(s: ServiceContext, userId: string, q: { filters: Filters; by: CallGrouping; tzOffsetMinutes: number }): { groups: CallGroup[]; total: number } {
  // An open group's own filter does not narrow the list of groups it belongs to.
  const { group: _open, ...filters } = q.filters;
  const where = whereOf(userId, filters, q.tzOffsetMinutes);
  const g = grouping(q.by, q.tzOffsetMinutes);
  const groups = s.raw
    .prepare(`SELECT key, max(label) AS label, count(*) AS count FROM (SELECT ${g.key} AS key, ${g.label} AS label ${FROM_SQL} WHERE ${where.sql}) GROUP BY key ORDER BY ${g.order}`)
    .all(...where.params) as CallGroup[];
  return { groups, total: groups.reduce((n, x) => n + x.count, 0) };
}

/** What an export of the log walks: one SQL expression and one kind per column the user shows. */
const COLUMN_SQL: Record<CallColumn, { sql: string; kind: ExportKind; width: number }> = {
  direction: { sql: 'c.direction', kind: 'direction', width: 80 },
  startedAt: { sql: 'c.started_at', kind: 'datetime', width: 130 },
  number: { sql: 'coalesce(c.e164, c.number)', kind: 'text', width: 130 },
  client: { sql: 'cl.name', kind: 'text', width: 220 },
  contact: { sql: 'cp.name', kind: 'text', width: 160 },
  operator: { sql: 'u.display_name', kind: 'text', width: 140 },
  answeredAt: { sql: 'c.answered_at', kind: 'datetime', width: 130 },
  endedAt: { sql: 'c.ended_at', kind: 'datetime', width: 130 },
  duration: { sql: DURATION_SQL, kind: 'duration', width: 70 },
  outcome: { sql: 'c.outcome', kind: 'outcome', width: 100 },
  intervention: { sql: INTERVENTION_LABEL_SQL, kind: 'text', width: 100 },
  recording: { sql: '', kind: 'yesNo', width: 70 },
};

/** The export's query: the columns in the user's order, the log's order, the same filters as the screen. */
export function callsExportQuery(userId: string, hearing: Hearing, filters: Filters, tzOffsetMinutes: number, columns: readonly CallColumn[]) {
  const where = whereOf(userId, filters, tzOffsetMinutes);
  // A recording is named only where the reader may hear it, as on screen.
  const recorded =
    hearing === 'none'
      ? '0'
      : `EXISTS (SELECT 1 FROM recordings r WHERE r.call_id = c.id AND r.status IN ('complete', 'interrupted')${hearing === 'own' ? ' AND r.user_id = ?' : ''})`;
  const expressions = columns.map((c) => (c === 'recording' ? recorded : COLUMN_SQL[c].sql));
  const recordingParams = hearing === 'own' ? columns.filter((c) => c === 'recording').map(() => userId) : [];
  return {
    sql: `SELECT ${expressions.join(', ')} ${FROM_SQL} WHERE ${where.sql} ORDER BY c.started_at DESC, c.id DESC`,
    countSql: `SELECT count(*) ${FROM_SQL} WHERE ${where.sql}`,
    params: [...recordingParams, ...where.params],
    countParams: where.params,
    kinds: columns.map((c) => COLUMN_SQL[c].kind),
    widths: columns.map((c) => COLUMN_SQL[c].width),
  };
}
