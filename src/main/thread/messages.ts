import { interventionMessages, messageMentions } from '../db/schema/index';
import { ApiError, type FieldIssue } from '../../shared/api/result';
import type { MessageKind } from '../../shared/domain/intervention';
import { templatesForType } from '../request-types/templates';
import { createRecord } from '../core/records';
import type { Actor, ServiceContext } from '../core/context';
import type { FileRef, MessageMention, RegisterEntry, ThreadMessage } from '../../shared/api/thread';
import { unitOfWork } from '../core/unit';
import { mailNewMessage } from '../mail/outbox';

/*
 * The intervention's thread (issue #4, part 6): notes with an attached file, a form template it
 * fills in, a link to a correspondence-register entry and the people it mentions. Messages are
 * accepted in every status, also once the intervention is finalized or cancelled: the rule is
 * that a closed intervention is read-only except for new messages.
 */

interface MessageRow {
  id: string;
  at: number;
  kind: MessageKind;
  personId: string | null;
  personName: string | null;
  body: string;
  attachmentId: string | null;
  registerEntryId: string | null;
  templateId: string | null;
  templateName: string | null;
  quoted: string | null;
  aFileName: string | null;
  aSize: number | null;
  aMime: string | null;
}

/** The intervention, live; refused as not found otherwise. */
function interventionRow(s: ServiceContext, id: string): { id: string; requestTypeId: string | null; status: string } {
  const row = s.raw.prepare('SELECT id, request_type_id AS requestTypeId, status FROM interventions WHERE id = ? AND deleted_at IS NULL').get(id) as
    | { id: string; requestTypeId: string | null; status: string }
    | undefined;
  if (!row) throw new ApiError('not_found', 'The intervention does not exist.');
  return row;
}

const fileRef = (id: string | null, fileName: string | null, size: number | null, mimeType: string | null): FileRef | null =>
  id && fileName !== null && size !== null && mimeType !== null ? { id, fileName, size, mimeType } : null;

/** Register entries by id, with their file. */
export function registerEntriesById(s: ServiceContext, ids: string[]): Map<string, RegisterEntry> {
  const out = new Map<string, RegisterEntry>();
  if (ids.length === 0) return out;
  const rows = s.raw
    .prepare(
      `SELECT r.id, r.version, r.number, r.date, r.direction, r.party, r.subject, r.created_at AS createdAt,
              r.attachment_id AS attachmentId, a.file_name AS fileName, a.size, a.mime_type AS mimeType
       FROM correspondence_register r LEFT JOIN attachments a ON a.id = r.attachment_id
       WHERE r.id IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(ids)) as (Omit<RegisterEntry, 'attachment'> & { attachmentId: string | null; fileName: string | null; size: number | null; mimeType: string | null })[];
  for (const { attachmentId, fileName, size, mimeType, ...r } of rows) out.set(r.id, { ...r, attachment: fileRef(attachmentId, fileName, size, mimeType) });
  return out;
}

/** The thread in time order, each message with its file, register entry, template and mentions. */
export function listMessages(s: ServiceContext, id: string): ThreadMessage[] {
  interventionRow(s, id);
  const rows = s.raw
    .prepare(
      `SELECT m.id, m.at, m.kind, m.person_id AS personId, p.name AS personName, m.body,
              m.attachment_id AS attachmentId, m.register_entry_id AS registerEntryId,
              m.template_id AS templateId, t.name AS templateName, m.quoted,
              a.file_name AS aFileName, a.size AS aSize, a.mime_type AS aMime
       FROM intervention_messages m
       LEFT JOIN personnel p ON p.id = m.person_id
       LEFT JOIN attachments a ON a.id = m.attachment_id
       LEFT JOIN request_type_templates t ON t.id = m.template_id
       WHERE m.intervention_id = ? AND m.deleted_at IS NULL ORDER BY m.at, m.rowid`,
    )
    .all(id) as MessageRow[];
  const mentions = new Map<string, MessageMention[]>();
  // Reached through the thread's messages (intervention_messages_thread, then message_mentions_pair):
  // message_mentions has no index on intervention_id, so filtering on it scans every mention.
  const mentionRows = s.raw
    .prepare(
      `SELECT mm.message_id AS messageId, mm.person_id AS personId, p.name
       FROM intervention_messages m
       JOIN message_mentions mm ON mm.message_id = m.id AND mm.deleted_at IS NULL
       JOIN personnel p ON p.id = mm.person_id
       WHERE m.intervention_id = ? AND m.deleted_at IS NULL ORDER BY p.name COLLATE NOCASE`,
    )
    .all(id) as { messageId: string; personId: string; name: string }[];
  for (const m of mentionRows) {
    const list = mentions.get(m.messageId) ?? [];
    list.push({ personId: m.personId, name: m.name });
    mentions.set(m.messageId, list);
  }
  const entries = registerEntriesById(
    s,
    rows.map((r) => r.registerEntryId).filter((x): x is string => x !== null),
  );
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind,
    personId: r.personId,
    personName: r.personName,
    body: r.body,
    attachmentId: r.attachmentId,
    registerEntryId: r.registerEntryId,
    attachment: fileRef(r.attachmentId, r.aFileName, r.aSize, r.aMime),
    registerEntry: r.registerEntryId ? (entries.get(r.registerEntryId) ?? null) : null,
    templateId: r.templateId,
    templateName: r.templateName,
    quoted: r.quoted,
    mentions: mentions.get(r.id) ?? [],
  }));
}

export interface NewMessage {
  id: string;
  body: string;
  attachmentId: string | null;
  templateId: string | null;
  registerEntryId: string | null;
  mentionIds: string[];
}

const live = (s: ServiceContext, table: string, id: string) => s.raw.prepare(`SELECT 1 FROM ${table} WHERE id = ? AND deleted_at IS NULL`).get(id) !== undefined;

const BLANK_FORM = 'this is the blank form; attach the filled-in copy';

/** Whether two attachments hold the same bytes (content-addressed: the same hash). */
const sameBytes = (s: ServiceContext, a: string, b: string) =>
  s.raw.prepare('SELECT 1 FROM attachments x JOIN attachments y ON y.sha256 = x.sha256 WHERE x.id = ? AND y.id = ?').get(a, b) !== undefined;

/** Writes one mention row per person (through records.ts: outbox, audit, data.changed). */
function writeMentions(s: ServiceContext, actor: Actor, messageId: string, interventionId: string, personIds: string[]): void {
  for (const personId of personIds) {
    const exists = s.raw.prepare('SELECT 1 FROM message_mentions WHERE message_id = ? AND person_id = ?').get(messageId, personId);
    if (!exists) createRecord(s, actor, messageMentions, { messageId, interventionId, personId, seenAt: null });
  }
}

/**
 * A note written as the logged-in user's person. What it points to is checked here, whatever
 * the composer did: the file and the register entry exist, the template belongs to the
 * intervention's request type, the mentioned people are active members of the personnel.
 */
export function addThreadMessage(s: ServiceContext, actor: Actor, personId: string | null, input: NewMessage): ThreadMessage {
  const messageId = unitOfWork(s, actor, () => {
      const iv = interventionRow(s, input.id);
      const issues: FieldIssue[] = [];
      if (input.attachmentId && !live(s, 'attachments', input.attachmentId)) issues.push({ path: 'attachmentId', message: 'the file does not exist' });
      if (input.registerEntryId && !live(s, 'correspondence_register', input.registerEntryId)) {
        issues.push({ path: 'registerEntryId', message: 'the register entry does not exist' });
      }
      const template = input.templateId ? templatesForType(s, iv.requestTypeId).find((t) => t.id === input.templateId) : undefined;
      if (input.templateId && !template) {
        issues.push({ path: 'templateId', message: 'the template is not one of this request type’s' });
      } else if (template && input.attachmentId && sameBytes(s, template.attachment.id, input.attachmentId)) {
        // The blank form itself (or the same bytes uploaded again) fills nothing in, and would
        // otherwise count as the filled-in copy that finalizing waits for.
        issues.push({ path: 'attachmentId', message: BLANK_FORM });
      }
      input.mentionIds.forEach((pid, i) => {
        if (!s.raw.prepare('SELECT 1 FROM personnel WHERE id = ? AND deleted_at IS NULL AND active = 1').get(pid)) {
          issues.push({ path: `mentionIds.${i}`, message: 'no such person' });
        }
      });
      if (!input.body.trim() && !input.attachmentId && !input.registerEntryId) issues.push({ path: 'body', message: 'required' });
      if (issues.length) {
        const only = issues.length === 1 ? issues[0]?.path : null;
        const lead =
          only === 'body'
            ? 'Write a message or attach a file.'
            : issues.some((i) => i.message === BLANK_FORM)
              ? 'The attached file is the blank form: attach the filled-in copy.'
              : 'The message refers to something that does not exist.';
        throw new ApiError('validation', lead, issues);
      }
      const row = createRecord(s, actor, interventionMessages, {
        interventionId: iv.id,
        at: s.now(),
        kind: 'note',
        personId,
        body: input.body,
        attachmentId: input.attachmentId,
        registerEntryId: input.registerEntryId,
        templateId: input.templateId,
      });
      writeMentions(s, actor, row.id, iv.id, input.mentionIds);
      mailNewMessage(s, actor, iv.id, personId);
      return row.id;
    });
  const found = listMessages(s, input.id).find((m) => m.id === messageId);
  if (!found) throw new ApiError('internal', 'The message was not stored.');
  return found;
}

/**
 * After a technician rejects an assignment: the operator who took the intervention is mentioned
 * on the system message that says so, so it lands in their Mentions list.
 */
export function mentionOnLatestSystemMessage(s: ServiceContext, actor: Actor, interventionId: string, personId: string | null): void {
  if (!personId || !live(s, 'personnel', personId)) return;
  const messageId = s.raw
    .prepare("SELECT id FROM intervention_messages WHERE intervention_id = ? AND kind = 'system' AND deleted_at IS NULL ORDER BY at DESC, rowid DESC LIMIT 1")
    .pluck()
    .get(interventionId) as string | undefined;
  if (messageId) writeMentions(s, actor, messageId, interventionId, [personId]);
}

/** The templates that have a filled-in copy in the thread: a live message naming it, with a file. */
export function filledTemplateIds(s: ServiceContext, interventionId: string): string[] {
  return s.raw
    .prepare(
      `SELECT DISTINCT template_id FROM intervention_messages
       WHERE intervention_id = ? AND deleted_at IS NULL AND template_id IS NOT NULL AND attachment_id IS NOT NULL`,
    )
    .pluck()
    .all(interventionId) as string[];
}

/** Messages may be added in every state, also after the intervention is closed. */
export function addMessage(
  s: ServiceContext,
  actor: Actor,
  id: string,
  message: { body: string; kind?: MessageKind; personId?: string | null; attachmentId?: string | null; registerEntryId?: string | null; quoted?: string | null },
) {
  interventionRow(s, id);
  if (!message.body.trim() && !message.attachmentId) throw new ApiError('validation', 'Write a message or attach a file.', [{ path: 'body', message: 'required' }]);
  return createRecord(s, actor, interventionMessages, {
    interventionId: id,
    at: s.now(),
    kind: message.kind ?? 'note',
    personId: message.personId ?? null,
    body: message.body,
    attachmentId: message.attachmentId ?? null,
    registerEntryId: message.registerEntryId ?? null,
    quoted: message.quoted || null,
  });
}
