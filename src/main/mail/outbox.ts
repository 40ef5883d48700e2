import { v7 as uuidv7 } from 'uuid';
import type { OutboxRow } from '../../shared/api/mail';
import { isLanguage, type Language } from '../../shared/i18n/languages';
import type { Actor, ServiceContext } from '../core/context';
import { workstationZone } from '../core/clock';
import { ApiError } from '../../shared/api/result';
import { mailOutbox } from '../db/schema';
import { SettingsService } from '../settings/settings';
import { accountRow } from './account';
import { render, wordsFor, type MailEvent, type MailFacts } from './templates';

/*
 * The outbox: a mail is written here in the same transaction as the change that causes it, so a
 * change and its mail are kept or lost together; the sender (sender.ts) delivers it later, with
 * retries. Nothing is queued while the workstation has no SMTP account, or it is switched off.
 */

/** The domain of the From address: Message-IDs are made in it. */
const domainOf = (address: string) => address.slice(address.lastIndexOf('@') + 1);

/** The root every mail of an intervention refers to (References, In-Reply-To): a stable thread. */
const threadRoot = (interventionId: string, domain: string) => `<intervention.${interventionId}@${domain}>`;

/**
 * The reply address with the intervention's token (plus-addressing): a reply finds its
 * intervention even when the client drops the headers. The token is the id's 32 hex digits.
 */
function replyAddress(mailbox: string, interventionId: string): string {
  const at = mailbox.lastIndexOf('@');
  return `${mailbox.slice(0, at)}+${interventionId.replace(/-/g, '')}${mailbox.slice(at)}`;
}

interface Recipient {
  name: string;
  address: string;
  language: Language;
  /** The client's contact never reads the thread's last message: it may be an internal note. */
  client?: boolean;
}

/** Mails the technicians just put on an intervention (those with an address). Inside the change's unit. */
export function mailAllocation(s: ServiceContext, actor: Actor, interventionId: string, personIds: readonly string[]): number {
  return enqueue(s, 'allocation', interventionId, people(s, actor, personIds));
}

/** Mails that the planned visit moved: the technicians who stay on it (newcomers get the allocation), the verifier, the client when kept informed. */
export function mailPlanChange(s: ServiceContext, actor: Actor, interventionId: string, personIds: readonly string[]): number {
  return enqueue(s, 'planChange', interventionId, [...people(s, actor, [...personIds, ...verifier(s, interventionId)]), ...clientContact(s, actor, interventionId)]);
}

/** Mails that it was cancelled, and why: everyone on it, the verifier, the client when kept informed. */
export function mailCancellation(s: ServiceContext, actor: Actor, interventionId: string, reason: string): number {
  return enqueue(s, 'cancellation', interventionId, [...people(s, actor, [...team(s, interventionId), ...verifier(s, interventionId)]), ...clientContact(s, actor, interventionId)], reason);
}

/** Mails that the team confirmed the visit: the verifier, and the client when kept informed (the technicians confirmed it themselves). */
export function mailConfirmation(s: ServiceContext, actor: Actor, interventionId: string): number {
  return enqueue(s, 'confirmation', interventionId, [...people(s, actor, verifier(s, interventionId)), ...clientContact(s, actor, interventionId)]);
}

/** Mails that the work is done, with the resolution: the verifier, and the client when kept informed. */
export function mailFinalization(s: ServiceContext, actor: Actor, interventionId: string, resolution: string): number {
  return enqueue(s, 'finalization', interventionId, [...people(s, actor, verifier(s, interventionId)), ...clientContact(s, actor, interventionId)], resolution);
}

/**
 * Mails a new message of the thread (a note, a mail that came in) to the technicians on it and the
 * verifier, except whoever wrote it. Never to the client: the thread is the team's.
 */
export function mailNewMessage(s: ServiceContext, actor: Actor, interventionId: string, authorPersonId: string | null): number {
  const ids = [...team(s, interventionId), ...verifier(s, interventionId)].filter((p) => p !== authorPersonId);
  return enqueue(s, 'newMessage', interventionId, people(s, actor, ids));
}

/** The technicians on an intervention who have not turned it down. */
const team = (s: ServiceContext, interventionId: string) =>
  s.raw.prepare("SELECT person_id FROM intervention_technicians WHERE intervention_id = ? AND deleted_at IS NULL AND answer <> 'rejected'").pluck().all(interventionId) as string[];

const verifier = (s: ServiceContext, interventionId: string) => {
  const id = s.raw.prepare('SELECT verifier_id FROM interventions WHERE id = ?').pluck().get(interventionId) as string | null | undefined;
  return id ? [id] : [];
};

/** The people with an address among these, each once, in their user's language (else the one of whoever made the change). */
function people(s: ServiceContext, actor: Actor, personIds: readonly string[]): Recipient[] {
  if (personIds.length === 0) return [];
  const fallback = languageOfUser(s, actor.userId);
  return [...new Set(personIds)].flatMap((id) => {
    const p = s.raw
      .prepare(
        `SELECT pe.name, pe.email, (SELECT u.language FROM users u WHERE u.person_id = pe.id AND u.deleted_at IS NULL ORDER BY u.created_at LIMIT 1) AS language
         FROM personnel pe WHERE pe.id = ? AND pe.deleted_at IS NULL`,
      )
      .get(id) as { name: string; email: string | null; language: string | null } | undefined;
    return p?.email ? [{ name: p.name, address: p.email, language: isLanguage(p.language) ? p.language : fallback }] : [];
  });
}

/**
 * The client's contact person (else the client) when the intervention says so, or when it leaves
 * it to its request type and that type, or one above it, keeps the client informed; in the
 * language of whoever made the change.
 */
function clientContact(s: ServiceContext, actor: Actor, interventionId: string): Recipient[] {
  const row = s.raw
    .prepare(
      `WITH RECURSIVE up(id, parent, mail) AS (
         SELECT rt.id, rt.parent_id, rt.mail_client FROM request_types rt JOIN interventions i ON i.request_type_id = rt.id WHERE i.id = @id
         UNION ALL SELECT rt.id, rt.parent_id, rt.mail_client FROM request_types rt JOIN up ON rt.id = up.parent)
       SELECT coalesce(cp.name, c.name) AS name, coalesce(cp.email, c.email) AS email
       FROM interventions i JOIN clients c ON c.id = i.client_id LEFT JOIN contact_persons cp ON cp.id = i.contact_person_id AND cp.deleted_at IS NULL AND cp.email IS NOT NULL
       WHERE i.id = @id AND coalesce(i.mail_client, EXISTS (SELECT 1 FROM up WHERE mail = 1)) = 1`,
    )
    .get({ id: interventionId }) as { name: string; email: string | null } | undefined;
  return row?.email ? [{ name: row.name, address: row.email, language: languageOfUser(s, actor.userId), client: true }] : [];
}

function languageOfUser(s: ServiceContext, userId: string | null): Language {
  const lang = userId ? s.raw.prepare('SELECT language FROM users WHERE id = ?').pluck().get(userId) : null;
  return isLanguage(lang) ? lang : 'en';
}

function enqueue(s: ServiceContext, event: MailEvent, interventionId: string, everyone: readonly Recipient[], reason: string | null = null): number {
  const account = accountRow(s);
  // One mail per address, whoever it is for twice (a technician who is also the verifier).
  const recipients = everyone.filter((r, i) => everyone.findIndex((o) => o.address.toLowerCase() === r.address.toLowerCase()) === i);
  if (!account?.enabled || recipients.length === 0) return 0;
  const domain = domainOf(account.fromAddress);
  const replyTo = account.replyTo ? replyAddress(account.replyTo, interventionId) : '';
  const answerByMail = s.raw.prepare("SELECT 1 FROM mail_watch WHERE id = 'imap' AND enabled = 1").get() !== undefined;
  const custom = new SettingsService(s.db, s.now).get().mailTemplates;
  for (const r of recipients) {
    const id = uuidv7();
    const { subject, text, html } = render(event, r.language, { ...facts(s, interventionId, r), reason, answerByMail: answerByMail && replyTo !== '' }, custom[event]?.[r.language]);
    s.db
      .insert(mailOutbox)
      .values({
        id,
        createdAt: s.now(),
        event,
        interventionId,
        toName: r.name,
        toAddress: r.address,
        language: r.language,
        subject,
        text,
        html,
        messageId: `<${id}@${domain}>`,
        threadId: threadRoot(interventionId, domain),
        replyTo,
        nextAttemptAt: s.now(),
      })
      .run();
  }
  return recipients.length;
}

function facts(s: ServiceContext, interventionId: string, r: Recipient): MailFacts {
  const iv = s.raw
    .prepare(
      `SELECT CASE WHEN i.number IS NULL THEN NULL ELSE coalesce(se.prefix || ' ', '') || i.number END AS number, c.name AS client,
         coalesce(i.object_text, p.name, '') AS object, trim(coalesce(c.address, '') || CASE WHEN c.locality IS NULL THEN '' ELSE ', ' || c.locality END, ', ') AS address,
         i.planned_start AS start, i.planned_end AS "end", i.priority,
         (SELECT m.body FROM intervention_messages m WHERE m.intervention_id = i.id AND m.deleted_at IS NULL AND m.kind IN ('note', 'email_in') ORDER BY m.at DESC LIMIT 1) AS lastMessage
       FROM interventions i JOIN clients c ON c.id = i.client_id LEFT JOIN products p ON p.id = i.product_id LEFT JOIN series se ON se.id = i.series_id
       WHERE i.id = ?`,
    )
    .get(interventionId) as { number: string | null; client: string; object: string; address: string; start: number | null; end: number | null; priority: 1 | 2 | 3; lastMessage: string | null } | undefined;
  if (!iv) throw new ApiError('not_found', 'The intervention does not exist.');
  const w = wordsFor(r.language);
  const format = new Intl.DateTimeFormat(r.language, { dateStyle: 'medium', timeStyle: 'short', timeZone: workstationZone() });
  const planned = iv.start === null ? w.notPlanned : iv.end === null ? format.format(iv.start) : format.formatRange(iv.start, iv.end);
  const lastMessage = iv.lastMessage && !r.client ? iv.lastMessage.split('\n').slice(0, 12).join('\n').slice(0, 2000) : null;
  return { number: iv.number, client: iv.client, object: iv.object, address: iv.address, planned, priority: w.priorities[iv.priority], lastMessage, toName: r.name };
}

/** The outbox as the Outbox screen lists it, newest first (or one mail, by id). */
export function listOutbox(s: ServiceContext, q: { status?: OutboxRow['status'] | undefined; id?: string; limit: number }): OutboxRow[] {
  return s.raw
    .prepare(
      `SELECT id, created_at AS createdAt, event, intervention_id AS interventionId, to_name AS toName, to_address AS toAddress, subject, status, attempts,
         next_attempt_at AS nextAttemptAt, last_error AS lastError, sent_at AS sentAt
       FROM mail_outbox WHERE (@status IS NULL OR status = @status) AND (@id IS NULL OR id = @id) ORDER BY created_at DESC, id DESC LIMIT @limit`,
    )
    .all({ status: q.status ?? null, id: q.id ?? null, limit: q.limit }) as OutboxRow[];
}

/** Sample words where an event's mail gives a reason or a resolution (the preview has no real one). */
const SAMPLE_REASON: Record<Language, string> = { en: '(the reason given)', ro: '(motivul dat)', 'pt-BR': '(o motivo informado)', ca: '(el motiu donat)' };

/**
 * An event's mail as it would go now, with these words, about the latest intervention that has a
 * number (the administrator's preview): its real facts, greeting its first technician.
 */
export function previewMail(s: ServiceContext, event: MailEvent, language: Language, custom: { subject: string; lead: string }): { subject: string; text: string; html: string } {
  const iv = s.raw
    .prepare(
      `SELECT i.id, (SELECT pe.name FROM intervention_technicians t JOIN personnel pe ON pe.id = t.person_id WHERE t.intervention_id = i.id AND t.deleted_at IS NULL ORDER BY pe.name LIMIT 1) AS name
       FROM interventions i WHERE i.deleted_at IS NULL AND i.number IS NOT NULL ORDER BY i.created_at DESC, i.id DESC LIMIT 1`,
    )
    .get() as { id: string; name: string | null } | undefined;
  if (!iv) throw new ApiError('validation', 'There is no numbered intervention yet to show a preview with.');
  const reason = event === 'cancellation' || event === 'finalization' ? SAMPLE_REASON[language] : null;
  const answerByMail = s.raw.prepare("SELECT 1 FROM mail_watch WHERE id = 'imap' AND enabled = 1").get() !== undefined;
  return render(event, language, { ...facts(s, iv.id, { name: iv.name ?? '—', address: '', language }), reason, answerByMail }, custom);
}
