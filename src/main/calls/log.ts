import type { z } from 'zod';
import { v7 as uuidv7 } from 'uuid';
import type { CallOutcome, CallRow, callsListInput } from '../../shared/api/calls';
import { ApiError } from '../../shared/api/result';
import type { ServiceContext } from '../core/context';
import { screenPop } from './lookup';

/*
 * The call log. Each call is written by the softphone's owner as it happens (begin, answered,
 * ended) with main's clock, so a log never depends on a page's clock; a call left "ringing" or
 * "answered" by a page that died is closed by the next begin of the same user (ended then).
 */

const ROW_SQL = `SELECT c.id, c.direction, c.number, c.e164, c.client_id AS clientId, cl.name AS clientName, cp.name AS contactName,
    u.display_name AS operator, c.started_at AS startedAt, c.answered_at AS answeredAt, c.ended_at AS endedAt,
    CASE WHEN c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL THEN (c.ended_at - c.answered_at) / 1000 END AS durationS,
    c.outcome, c.intervention_id AS interventionId,
    CASE WHEN i.id IS NULL THEN NULL WHEN i.number IS NULL THEN '—' ELSE coalesce(se.prefix || ' ', '') || i.number END AS interventionLabel,
    c.handled_at AS handledAt, NULL AS recordingId
  FROM calls c LEFT JOIN clients cl ON cl.id = c.client_id LEFT JOIN contact_persons cp ON cp.id = c.contact_person_id
  LEFT JOIN users u ON u.id = c.user_id LEFT JOIN interventions i ON i.id = c.intervention_id LEFT JOIN series se ON se.id = i.series_id`;

function announce(s: ServiceContext, ids: string[]): void {
  s.events.emit('data.changed', { capability: 'calls', ids });
}

function callRow(s: ServiceContext, id: string): CallRow {
  const row = s.raw.prepare(`${ROW_SQL} WHERE c.id = ?`).get(id) as CallRow | undefined;
  if (!row) throw new ApiError('not_found', `No call ${id}.`);
  return row;
}

export function beginCall(s: ServiceContext, userId: string, region: string, input: { direction: 'in' | 'out'; number: string; sipCallId?: string | undefined }) {
  const pop = screenPop(s, input.number, region);
  const id = uuidv7();
  const now = s.now();
  const stale = s.raw.prepare("SELECT id FROM calls WHERE user_id = ? AND ended_at IS NULL").pluck().all(userId) as string[];
  s.raw.transaction(() => {
    // A page that died mid-call never said how it ended: closed now, as failed if never answered.
    s.raw
      .prepare("UPDATE calls SET ended_at = ?, outcome = CASE WHEN outcome = 'ringing' THEN CASE direction WHEN 'in' THEN 'missed' ELSE 'failed' END ELSE outcome END WHERE user_id = ? AND ended_at IS NULL")
      .run(now, userId);
    s.raw
      .prepare(
        `INSERT INTO calls (id, direction, number, e164, client_id, contact_person_id, user_id, sip_call_id, started_at, outcome)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'ringing')`,
      )
      .run(id, input.direction, input.number, pop.e164, pop.client?.id ?? null, pop.contact?.id ?? null, userId, input.sipCallId ?? null, now);
  })();
  announce(s, [id, ...stale]);
  return { id, pop };
}

const own = (s: ServiceContext, id: string, userId: string) => {
  const row = s.raw.prepare('SELECT user_id AS userId, answered_at AS answeredAt, ended_at AS endedAt, outcome FROM calls WHERE id = ?').get(id) as
    | { userId: string; answeredAt: number | null; endedAt: number | null; outcome: CallOutcome }
    | undefined;
  if (!row) throw new ApiError('not_found', `No call ${id}.`);
  if (row.userId !== userId) throw new ApiError('forbidden', 'Only the operator who took or placed a call records how it went.');
  return row;
};

/** Answered: the time; ended: the time and how (answered unless said otherwise, or missed if it never was). */
export function progressCall(s: ServiceContext, userId: string, id: string, event: 'answered' | 'ended', outcome?: CallOutcome): CallRow {
  const row = own(s, id, userId);
  if (row.endedAt !== null) return callRow(s, id);
  const now = s.now();
  if (event === 'answered') {
    if (row.answeredAt === null) s.raw.prepare("UPDATE calls SET answered_at = ?, outcome = 'answered' WHERE id = ?").run(now, id);
  } else {
    const final = outcome && outcome !== 'ringing' ? outcome : row.answeredAt !== null ? 'answered' : 'missed';
    if (final === 'answered' && row.answeredAt === null) throw new ApiError('validation', 'A call that was never answered cannot end as answered.');
    s.raw.prepare('UPDATE calls SET ended_at = ?, outcome = ? WHERE id = ?').run(now, final, id);
  }
  announce(s, [id]);
  return callRow(s, id);
}

export function linkCall(s: ServiceContext, userId: string, id: string, interventionId: string): CallRow {
  own(s, id, userId);
  const exists = s.raw.prepare('SELECT 1 FROM interventions WHERE id = ? AND deleted_at IS NULL').get(interventionId);
  if (!exists) throw new ApiError('not_found', `No intervention ${interventionId}.`);
  s.raw.prepare('UPDATE calls SET intervention_id = ? WHERE id = ?').run(interventionId, id);
  announce(s, [id]);
  return callRow(s, id);
}

export function markHandled(s: ServiceContext, userId: string, id: string): CallRow {
  const found = s.raw.prepare('SELECT outcome, handled_at AS handledAt FROM calls WHERE id = ?').get(id) as { outcome: CallOutcome; handledAt: number | null } | undefined;
  if (!found) throw new ApiError('not_found', `No call ${id}.`);
  if (found.outcome !== 'missed') throw new ApiError('validation', 'Only a missed call is marked as dealt with.');
  if (found.handledAt === null) s.raw.prepare('UPDATE calls SET handled_at = ?, handled_by = ? WHERE id = ?').run(s.now(), userId, id);
  announce(s, [id]);
  return callRow(s, id);
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

export function callsOfIntervention(s: ServiceContext, userId: string, hearing: Hearing, interventionId: string): CallRow[] {
  return withRecordings(s, s.raw.prepare(`${ROW_SQL} WHERE c.intervention_id = ? ORDER BY c.started_at, c.id`).all(interventionId) as CallRow[], userId, hearing);
}

/** The log, newest first; `mine` and `unhandled` as the Calls module's quick filters. */
export function listCalls(s: ServiceContext, userId: string, hearing: Hearing, q: z.output<typeof callsListInput>): { rows: CallRow[]; total: number } {
  const where: string[] = ['1 = 1'];
  const params: (string | number)[] = [];
  const f = q.filters;
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
  const sql = `${ROW_SQL} WHERE ${where.join(' AND ')}`;
  const rows = s.raw.prepare(`${sql} ORDER BY c.started_at DESC, c.id DESC LIMIT ? OFFSET ?`).all(...params, q.limit, q.offset) as CallRow[];
  const total = (s.raw.prepare(`SELECT count(*) AS n FROM (${sql})`).get(...params) as { n: number }).n;
  return { rows: withRecordings(s, rows, userId, hearing), total };
}
