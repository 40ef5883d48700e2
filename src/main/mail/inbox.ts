import type { InboxCandidate, InboxMail, InboxRow } from '../../shared/api/mail';
import { ApiError } from '../../shared/api/result';
import type { Actor, ServiceContext } from '../core/context';
import { unitOfWork } from '../core/unit';
import { mailToThread } from './thread-mail';

/*
 * The Inbox: the mail read from the shared mailbox, and what an operator does with the mail no
 * intervention claimed (put it in one's thread, with its files, or set it aside).
 */

const COLUMNS = `m.id, m.received_at AS receivedAt, m.sent_at AS sentAt, m.from_address AS fromAddress, m.from_name AS fromName, m.subject,
  m.status, m.matched_by AS matchedBy, m.intervention_id AS interventionId, m.note, m.size, json_array_length(m.attachment_ids) AS attachments,
  CASE WHEN i.number IS NULL THEN NULL ELSE coalesce(se.prefix || ' ', '') || i.number END AS interventionNumber`;
const FROM = 'mail_inbox m LEFT JOIN interventions i ON i.id = m.intervention_id LEFT JOIN series se ON se.id = i.series_id';

/** Newest first; without a status, the mail waiting for an operator (unmatched). */
export function listInbox(s: ServiceContext, q: { status?: InboxRow['status'] | undefined; limit: number }): InboxRow[] {
  return s.raw.prepare(`SELECT ${COLUMNS} FROM ${FROM} WHERE m.status = ? ORDER BY m.received_at DESC, m.id DESC LIMIT ?`).all(q.status ?? 'unmatched', q.limit) as InboxRow[];
}

export function getInboxMail(s: ServiceContext, id: string): InboxMail {
  const row = s.raw.prepare(`SELECT ${COLUMNS}, m.text, m.quoted, m.html FROM ${FROM} WHERE m.id = ?`).get(id) as Omit<InboxMail, 'sender'> | undefined;
  if (!row) throw new ApiError('not_found', 'There is no such mail in the inbox.');
  return { ...row, sender: senderOf(s, row.fromAddress) };
}

/** The contact (first) or client whose address this is, by the lower-case e-mail indexes. */
function senderOf(s: ServiceContext, address: string): InboxMail['sender'] {
  if (!address) return null;
  const contact = s.raw
    .prepare('SELECT client_id AS clientId, id AS contactPersonId FROM contact_persons WHERE lower(email) = ? AND email IS NOT NULL AND deleted_at IS NULL ORDER BY id LIMIT 1')
    .get(address) as { clientId: string; contactPersonId: string } | undefined;
  if (contact) return contact;
  const client = s.raw.prepare('SELECT id FROM clients WHERE lower(email) = ? AND email IS NOT NULL AND deleted_at IS NULL ORDER BY id LIMIT 1').pluck().get(address) as string | undefined;
  return client ? { clientId: client, contactPersonId: null } : null;
}

function waiting(s: ServiceContext, id: string): { text: string; quoted: string; subject: string; fromAddress: string; fromName: string; attachmentIds: string } {
  const row = s.raw.prepare('SELECT status, text, quoted, subject, from_address AS fromAddress, from_name AS fromName, attachment_ids AS attachmentIds FROM mail_inbox WHERE id = ?').get(id) as
    | { status: string; text: string; quoted: string; subject: string; fromAddress: string; fromName: string; attachmentIds: string }
    | undefined;
  if (!row) throw new ApiError('not_found', 'There is no such mail in the inbox.');
  if (row.status !== 'unmatched') throw new ApiError('validation', `This mail is ${row.status} already: only a mail waiting in the inbox can be placed.`);
  return row;
}

/** Puts a waiting mail in an intervention's thread as an incoming message (one more per further file). */
export function attachInboxMail(s: ServiceContext, actor: Actor, id: string, interventionId: string): InboxRow {
  unitOfWork(s, actor, () => {
    const mail = waiting(s, id);
    mailToThread(s, actor, interventionId, { ...mail, attachmentIds: JSON.parse(mail.attachmentIds) as string[], personId: null });
    s.raw.prepare("UPDATE mail_inbox SET status = 'attached', matched_by = 'operator', intervention_id = ? WHERE id = ?").run(interventionId, id);
  }, { action: 'mail.attached' });
  return getInboxMail(s, id);
}

export function dismissInboxMail(s: ServiceContext, id: string): InboxRow {
  waiting(s, id);
  s.raw.prepare("UPDATE mail_inbox SET status = 'dismissed' WHERE id = ?").run(id);
  return getInboxMail(s, id);
}

const CANDIDATE = `SELECT i.id AS interventionId, CASE WHEN i.number IS NULL THEN NULL ELSE coalesce(se.prefix || ' ', '') || i.number END AS number,
  c.name AS client, coalesce(i.object_text, p.name, '') AS object, i.status
  FROM interventions i JOIN clients c ON c.id = i.client_id LEFT JOIN products p ON p.id = i.product_id LEFT JOIN series se ON se.id = i.series_id`;

/**
 * Where a waiting mail may go: the interventions with the number typed (with or without the
 * series' prefix), else the open interventions of the client whose (or whose contact's) address
 * sent it, newest first.
 */
export function inboxCandidates(s: ServiceContext, id: string, typed: string): InboxCandidate[] {
  const mail = s.raw.prepare('SELECT from_address AS fromAddress FROM mail_inbox WHERE id = ?').get(id) as { fromAddress: string } | undefined;
  if (!mail) throw new ApiError('not_found', 'There is no such mail in the inbox.');
  const number = /^\s*(?:([^\s\d][^\s]*)\s*)?(\d{1,12})\s*$/.exec(typed);
  if (typed.trim()) {
    if (!number) throw new ApiError('validation', 'Type an intervention number, such as 1234 or INT 1234.', [{ path: 'number', message: 'not a number' }]);
    const rows = s.raw
      .prepare(`${CANDIDATE} WHERE i.number = ? AND (? IS NULL OR se.prefix = ? COLLATE NOCASE) AND i.deleted_at IS NULL ORDER BY se.prefix, i.id LIMIT 20`)
      .all(Number(number[2]), number[1] ?? null, number[1] ?? null) as Omit<InboxCandidate, 'why'>[];
    return rows.map((r) => ({ ...r, why: 'number' as const }));
  }
  if (!mail.fromAddress) return [];
  const rows = s.raw
    .prepare(
      `${CANDIDATE} WHERE i.client_id IN (
         SELECT id FROM clients WHERE lower(email) = @a AND email IS NOT NULL AND deleted_at IS NULL
         UNION SELECT client_id FROM contact_persons WHERE lower(email) = @a AND email IS NOT NULL AND deleted_at IS NULL)
       AND i.deleted_at IS NULL AND i.status NOT IN ('finalized', 'cancelled') ORDER BY i.created_at DESC, i.id LIMIT 20`,
    )
    .all({ a: mail.fromAddress }) as Omit<InboxCandidate, 'why'>[];
  return rows.map((r) => ({ ...r, why: 'sender' as const }));
}
