import type { ScreenPop } from '../../shared/api/calls';
import { normalizePhone, phoneCountry } from '../../shared/domain/phone';
import type { ServiceContext } from '../core/context';

/*
 * Who is calling: the caller ID normalised to E.164 with the workstation's region, then looked up
 * over contacts' and clients' phones (stored as E.164, each column indexed): a few index probes
 * whatever the number of clients.
 */

const OPEN = "('finalized', 'cancelled')";

export function screenPop(s: ServiceContext, number: string, region: string): ScreenPop {
  const t0 = performance.now();
  const checked = normalizePhone(number, region);
  const e164 = checked.ok ? checked.e164 : null;
  const empty: ScreenPop = { number, e164, country: e164 ? phoneCountry(e164) : null, client: null, contact: null, others: [], openInterventions: [], lastCalls: [], tookMs: 0 };
  if (!e164) return { ...empty, tookMs: performance.now() - t0 };
  const contacts = s.raw
    .prepare(
      `SELECT cp.id, cp.name, cp.role, cp.client_id AS clientId FROM contact_persons cp JOIN clients c ON c.id = cp.client_id
       WHERE cp.phone = ? AND cp.deleted_at IS NULL AND c.deleted_at IS NULL ORDER BY cp.name, cp.id LIMIT 5`,
    )
    .all(e164) as { id: string; name: string; role: string | null; clientId: string }[];
  const clients = s.raw
    .prepare(
      `SELECT id, name FROM (SELECT id, name FROM clients WHERE phone = ? AND deleted_at IS NULL
       UNION SELECT id, name FROM clients WHERE work_phone = ? AND deleted_at IS NULL) ORDER BY name, id LIMIT 6`,
    )
    .all(e164, e164) as { id: string; name: string }[];
  // A contact's own number says more than a switchboard shared by a client's people.
  const contact = contacts[0] ?? null;
  const clientId = contact?.clientId ?? clients[0]?.id ?? null;
  if (!clientId) return { ...empty, tookMs: performance.now() - t0 };
  const client = s.raw.prepare('SELECT id, name, locality, country, kind FROM clients WHERE id = ?').get(clientId) as ScreenPop['client'];
  const others = [...new Map([...contacts.map((c) => [c.clientId, c.clientId] as const), ...clients.map((c) => [c.id, c.id] as const)]).keys()]
    .filter((id) => id !== clientId)
    .map((id) => ({ id, name: (s.raw.prepare('SELECT name FROM clients WHERE id = ?').pluck().get(id) as string) ?? '' }));
  const openInterventions = s.raw
    .prepare(
      `SELECT i.id, se.prefix, i.number, i.status, coalesce(i.object_text, p.name) AS object, i.planned_start AS plannedStart, i.doc_date AS docDate
       FROM interventions i LEFT JOIN series se ON se.id = i.series_id LEFT JOIN products p ON p.id = i.product_id
       WHERE i.client_id = ? AND i.deleted_at IS NULL AND i.status NOT IN ${OPEN} ORDER BY i.doc_date DESC, i.rowid DESC LIMIT 8`,
    )
    .all(clientId) as ScreenPop['openInterventions'];
  const lastCalls = s.raw
    .prepare(
      `SELECT c.id, c.direction, c.started_at AS startedAt, c.outcome,
         CASE WHEN c.answered_at IS NOT NULL AND c.ended_at IS NOT NULL THEN (c.ended_at - c.answered_at) / 1000 END AS durationS,
         u.display_name AS operator
       FROM calls c LEFT JOIN users u ON u.id = c.user_id WHERE c.client_id = ? ORDER BY c.started_at DESC, c.id DESC LIMIT 5`,
    )
    .all(clientId) as ScreenPop['lastCalls'];
  return {
    ...empty,
    client,
    contact: contact && contact.clientId === clientId ? { id: contact.id, name: contact.name, role: contact.role } : null,
    others,
    openInterventions,
    lastCalls,
    tookMs: performance.now() - t0,
  };
}
