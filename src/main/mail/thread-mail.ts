import type { Actor, ServiceContext } from '../core/context';
import { addMessage } from '../thread/messages';
import { mailNewMessage } from './outbox';

/** Quoted history kept with a thread message: enough to read back, not a whole mailbox's. */
const QUOTED_MAX = 20_000;

/**
 * A received mail in an intervention's thread, whether the watcher matched it or an operator
 * attached it from the Inbox: its new text (the quoted part folded under it), one message per
 * further file, and the usual mail to the people on it.
 */
export function mailToThread(
  s: ServiceContext,
  actor: Actor,
  interventionId: string,
  mail: { fromName: string; fromAddress: string; subject: string; text: string; quoted: string; attachmentIds: readonly string[]; personId: string | null },
): string {
  const who = mail.fromName ? `${mail.fromName} <${mail.fromAddress}>` : mail.fromAddress;
  const [first, ...more] = mail.attachmentIds;
  const { personId } = mail;
  const quoted = mail.quoted.slice(0, QUOTED_MAX) || null;
  addMessage(s, actor, interventionId, { kind: 'email_in', personId, body: `${who}\n${mail.subject}\n\n${mail.text || '(no text)'}`, attachmentId: first ?? null, quoted });
  more.forEach((attachmentId, i) => addMessage(s, actor, interventionId, { kind: 'email_in', personId, body: `${who}: file ${i + 2} of ${mail.attachmentIds.length}`, attachmentId }));
  mailNewMessage(s, actor, interventionId, personId);
  return who;
}
