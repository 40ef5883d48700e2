import { v7 as uuidv7 } from 'uuid';
import { formatBytes } from '../../shared/api/files';
import type { MailAnswerWords } from '../../shared/api/settings';
import { isClosed, type InterventionStatus } from '../../shared/domain/intervention';
import { SYSTEM, type Actor, type ServiceContext } from '../core/context';
import { unitOfWork } from '../core/unit';
import { mailInbox } from '../db/schema';
import { addAttachment } from '../files/attachments';
import type { FileStore } from '../files/file-store';
import { answerAsTechnician } from '../interventions/commands';
import { addMessage } from '../thread/messages';
import { mailToThread } from './thread-mail';
import type { IncomingMail } from './parse';
import { readAnswer, splitQuoted } from './reply';

/*
 * One mail from the shared mailbox, taken exactly once: its inbox row (unique on the folder's
 * UIDVALIDITY and the UID), what it does to its intervention (a message in the thread, the
 * technician's answer) and the watcher's place in the folder are one transaction. A crash before
 * the commit leaves the mail to be taken again; after it, the mail is never taken twice.
 */

export interface Place {
  uidValidity: string;
  uid: number;
  size: number;
}

export interface IngestLimits {
  attachmentMaxBytes: number;
  answerWords: MailAnswerWords;
}

type Match = { interventionId: string; by: 'token' | 'references' | 'number' };

const uuidOf = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`.toLowerCase();

const live = (s: ServiceContext, id: string) => s.raw.prepare('SELECT 1 FROM interventions WHERE id = ? AND deleted_at IS NULL').get(id) !== undefined;

/**
 * The intervention a mail answers: by the token in the address it was sent to, then by the
 * Message-IDs it refers to, then by the document number in its subject ("[INT 1234]").
 */
function matchMail(s: ServiceContext, mail: Pick<IncomingMail, 'recipients' | 'references' | 'subject'>): Match | null {
  for (const address of mail.recipients) {
    const token = /\+([0-9a-f]{32})@/i.exec(address)?.[1];
    if (token && live(s, uuidOf(token))) return { interventionId: uuidOf(token), by: 'token' };
  }
  for (const ref of mail.references) {
    const root = /^<intervention\.([0-9a-f-]{36})@/i.exec(ref)?.[1]?.toLowerCase();
    const id = root ?? (s.raw.prepare('SELECT intervention_id FROM mail_outbox WHERE message_id = ?').pluck().get(ref) as string | undefined);
    if (id && live(s, id)) return { interventionId: id, by: 'references' };
  }
  const numbered = /\[([^\]\s]{1,20}) (\d{1,12})\]/.exec(mail.subject);
  if (numbered) {
    const id = s.raw
      .prepare('SELECT i.id FROM interventions i JOIN series se ON se.id = i.series_id WHERE se.prefix = ? AND i.number = ? AND i.deleted_at IS NULL')
      .pluck()
      .get(numbered[1], Number(numbered[2])) as string | undefined;
    if (id) return { interventionId: id, by: 'number' };
  }
  return null;
}

/** The person (and their user) a mail comes from, by the address the personnel list has for them. */
function sender(s: ServiceContext, address: string): { personId: string; userId: string | null } | null {
  if (!address) return null;
  return (
    (s.raw
      .prepare(
        `SELECT pe.id AS personId, (SELECT u.id FROM users u WHERE u.person_id = pe.id AND u.deleted_at IS NULL ORDER BY u.created_at LIMIT 1) AS userId
         FROM personnel pe WHERE lower(pe.email) = ? AND pe.deleted_at IS NULL ORDER BY pe.id LIMIT 1`,
      )
      .get(address) as { personId: string; userId: string | null } | undefined) ?? null
  );
}

/** Whether a mail at this place was taken already: under its UID, or (a rebuilt folder) its Message-ID. */
function alreadyTaken(s: ServiceContext, place: Pick<Place, 'uidValidity' | 'uid'>, messageId: string | null): boolean {
  if (s.raw.prepare('SELECT 1 FROM mail_inbox WHERE uid_validity = ? AND uid = ?').get(place.uidValidity, place.uid)) return true;
  return messageId !== null && s.raw.prepare('SELECT 1 FROM mail_inbox WHERE message_id = ?').get(messageId) !== undefined;
}

/** The mail's inbox row, and the watcher's place moved past it: in the caller's transaction. */
function record(
  s: ServiceContext,
  place: Place,
  mail: Pick<IncomingMail, 'messageId' | 'from' | 'subject'>,
  match: Match | null,
  rest: Partial<typeof mailInbox.$inferInsert> & Pick<typeof mailInbox.$inferInsert, 'status'>,
): void {
  s.db
    .insert(mailInbox)
    .values({
      id: uuidv7(),
      uidValidity: place.uidValidity,
      uid: place.uid,
      messageId: mail.messageId,
      receivedAt: s.now(),
      fromAddress: mail.from.address,
      fromName: mail.from.name,
      subject: mail.subject,
      size: place.size,
      matchedBy: match?.by ?? null,
      interventionId: match?.interventionId ?? null,
      ...rest,
    })
    .run();
  advance(s, place);
}

/** Moves the watcher's place on, in the caller's transaction. */
function advance(s: ServiceContext, place: Place): void {
  s.raw.prepare("UPDATE mail_watch SET uid_validity = ?, last_uid = max(last_uid, ?) WHERE id = 'imap'").run(place.uidValidity, place.uid);
}

/** Takes one mail: records it, and acts on its intervention when it has one. Returns what it became. */
export function ingestMail(s: ServiceContext, files: FileStore, limits: IngestLimits, place: Place, mail: IncomingMail): { status: string; interventionId: string | null; note: string | null } {
  const from = sender(s, mail.from.address);
  const actor: Actor = from?.userId ? { userId: from.userId } : SYSTEM;
  return unitOfWork(s, actor, () => {
    if (alreadyTaken(s, place, mail.messageId)) {
      advance(s, place);
      return { status: 'seen', interventionId: null, note: null };
    }
    const match = matchMail(s, mail);
    const { fresh, quoted } = splitQuoted(mail.text);
    const notes: string[] = [];
    // Files are stored whatever the mail turns out to be: an unmatched mail attached later keeps them.
    const attachmentIds: string[] = [];
    for (const a of mail.attachments) {
      if (a.bytes.byteLength > limits.attachmentMaxBytes) {
        notes.push(`The attachment "${a.fileName}" (${formatBytes(a.bytes.byteLength)}) was refused: the limit is ${formatBytes(limits.attachmentMaxBytes)}.`);
        continue;
      }
      if (a.bytes.byteLength === 0) continue;
      attachmentIds.push(addAttachment(s, files, actor, { name: a.fileName, bytes: a.bytes, claimedType: a.contentType }, limits.attachmentMaxBytes).id);
    }
    let status: 'matched' | 'unmatched' | 'automatic' = match ? 'matched' : 'unmatched';
    const ownCopy = mail.messageId !== null && s.raw.prepare('SELECT 1 FROM mail_outbox WHERE message_id = ?').get(mail.messageId) !== undefined;
    if (ownCopy) {
      // The blind copy of a mail sent from here (sender.ts): the proof it went out, nothing to act on.
      status = 'automatic';
      notes.push('The copy of a mail this app sent: kept as the proof it went out.');
    } else if (mail.automatic) {
      // Nobody wrote it: kept for the record, never an answer and never in the thread.
      status = 'automatic';
      notes.push(`Sent by a program (${mail.automatic}): not added to the thread.`);
    } else if (match) {
      notes.push(...toThread(s, actor, match.interventionId, mail, { fresh, quoted }, attachmentIds, from?.personId ?? null, limits.answerWords));
    }
    record(s, place, mail, match, {
      sentAt: mail.sentAt,
      text: fresh,
      quoted,
      html: mail.html,
      attachmentIds: JSON.stringify(attachmentIds),
      status,
      note: notes.join(' ') || null,
    });
    return { status, interventionId: match?.interventionId ?? null, note: notes.join(' ') || null };
  }, { action: 'mail.received' });
}

/** The thread's incoming message (and one per further file), then the answer it carries. Returns notes on what it did. */
function toThread(
  s: ServiceContext,
  actor: Actor,
  interventionId: string,
  mail: IncomingMail,
  { fresh, quoted }: { fresh: string; quoted: string },
  attachmentIds: string[],
  personId: string | null,
  words: MailAnswerWords,
): string[] {
  const who = mailToThread(s, actor, interventionId, { fromName: mail.from.name, fromAddress: mail.from.address, subject: mail.subject, text: fresh, quoted, attachmentIds, personId });
  const answer = readAnswer(fresh, words);
  if (!answer) return [];
  const refusal = answerRefusal(s, interventionId, personId, answer.answer, answer.reason);
  if (refusal) {
    addMessage(s, SYSTEM, interventionId, { kind: 'system', body: `The reply from ${who} starts with an answer word, but it was not recorded: ${refusal}` });
    return [`Answer not recorded: ${refusal}`];
  }
  answerAsTechnician(s, actor, personId, interventionId, answer.answer, answer.reason || null);
  return [answer.answer === 'accepted' ? 'Accepted the assignment.' : `Rejected the assignment: ${answer.reason}`];
}

/**
 * Why an answer by mail cannot be recorded, checked before the command so that a refusal is a
 * note in the thread and the mail is still taken. Only the technician's own address answers for
 * them: a mail from anyone else is a message, never an answer.
 */
function answerRefusal(s: ServiceContext, interventionId: string, personId: string | null, answer: 'accepted' | 'rejected', reason: string): string | null {
  if (!personId) return 'the sender is not a technician of the personnel list.';
  const on = s.raw.prepare('SELECT 1 FROM intervention_technicians WHERE intervention_id = ? AND person_id = ? AND deleted_at IS NULL').get(interventionId, personId);
  if (!on) return 'the sender is not on this intervention.';
  const status = s.raw.prepare('SELECT status FROM interventions WHERE id = ?').pluck().get(interventionId) as InterventionStatus;
  if (isClosed(status)) return `the intervention is ${status}.`;
  if (answer === 'rejected' && !reason) return 'a rejection needs a reason after the word.';
  return null;
}

/**
 * A mail that cannot be taken (too large to download, or unreadable): recorded as refused, with
 * a note in its intervention's thread when its headers match one, so nobody waits for it unawares.
 */
export function refuseMail(s: ServiceContext, place: Place, headers: Pick<IncomingMail, 'recipients' | 'references' | 'subject' | 'from' | 'messageId'>, why: string): string | null {
  return unitOfWork(s, SYSTEM, () => {
    if (alreadyTaken(s, place, headers.messageId)) {
      advance(s, place);
      return null;
    }
    const match = matchMail(s, headers);
    const note = `A mail from ${headers.from.address || 'an unknown sender'} ("${headers.subject}", ${formatBytes(place.size)}) was refused: ${why}`;
    if (match) addMessage(s, SYSTEM, match.interventionId, { kind: 'system', body: note });
    record(s, place, headers, match, { status: 'refused', note });
    return match?.interventionId ?? null;
  }, { action: 'mail.refused' });
}
