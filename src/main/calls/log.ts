import { v7 as uuidv7 } from 'uuid';
import type { CallOutcome, CallRow } from '../../shared/api/call-log';
import { ApiError } from '../../shared/api/result';
import type { ServiceContext } from '../core/context';
import { callRow } from './log-queries';
import { screenPop } from './lookup';

/*
 * The call log. Each call is written by the softphone's owner as it happens (begin, answered,
 * ended) with main's clock, so a log never depends on a page's clock; a call left "ringing" or
 * "answered" by a page that died is closed by the next begin of the same user (ended then).
 */

function announce(s: ServiceContext, ids: string[]): void {
  s.events.emit('data.changed', { capability: 'calls', ids });
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
  const found = s.raw.prepare('SELECT client_id AS clientId, contact_person_id AS contactId FROM interventions WHERE id = ? AND deleted_at IS NULL').get(interventionId) as
    | { clientId: string | null; contactId: string | null }
    | undefined;
  if (!found) throw new ApiError('not_found', `No intervention ${interventionId}.`);
  // A caller nobody knew gets the intervention's client (and contact): the log then names them.
  s.raw
    .prepare('UPDATE calls SET intervention_id = ?, client_id = coalesce(client_id, ?), contact_person_id = CASE WHEN client_id IS NULL THEN ? ELSE contact_person_id END WHERE id = ?')
    .run(interventionId, found.clientId, found.contactId, id);
  announce(s, [id]);
  return callRow(s, id);
}

/** The client a call turned out to be from (a caller quick-added as a client on the line), and maybe the contact. */
export function setCallClient(s: ServiceContext, userId: string, id: string, clientId: string, contactPersonId: string | null): CallRow {
  own(s, id, userId);
  const client = s.raw.prepare('SELECT 1 FROM clients WHERE id = ?').get(clientId);
  if (!client) throw new ApiError('not_found', `No client ${clientId}.`);
  if (contactPersonId !== null && !s.raw.prepare('SELECT 1 FROM contact_persons WHERE id = ? AND client_id = ?').get(contactPersonId, clientId)) {
    throw new ApiError('validation', 'That contact person is not one of the client\'s.', [{ path: 'contactPersonId', message: 'not this client\'s contact' }]);
  }
  s.raw.prepare('UPDATE calls SET client_id = ?, contact_person_id = ? WHERE id = ?').run(clientId, contactPersonId, id);
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

