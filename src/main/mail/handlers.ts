import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { mailMethods } from '../../shared/api/mail';
import { ApiError } from '../../shared/api/result';
import { user, type HandlerMap } from '../core/handler';
import type { SecretBox } from '../core/secrets';
import { accountRow, getMailAccount, saveMailAccount, transportOptions } from './account';
import { listOutbox } from './outbox';
import type { MailSender } from './sender';
import { attachInboxMail, dismissInboxMail, getInboxMail, inboxCandidates, listInbox } from './inbox';
import { getMailWatch, imapOptions, saveMailWatch, watchRow } from './watch-account';
import type { MailWatcher } from './watcher';
import { requireInScope } from '../interventions/scope';

/** The handlers of shared/api/mail.ts (the dispatcher checked the administrator's right). */
export function mailHandlers(secrets: SecretBox, sender: MailSender, watcher: MailWatcher): HandlerMap<keyof typeof mailMethods> {
  return {
    'mail.account.get': (_, { ctx }) => getMailAccount(ctx),
    'mail.account.save': (input, { ctx }) => {
      const saved = saveMailAccount(ctx, secrets, input);
      void sender.kick();
      return saved;
    },
    'mail.account.test': async (_, { ctx }) => {
      const row = accountRow(ctx);
      if (!row) throw new ApiError('validation', 'No mail server is set up yet: save its settings first.');
      const transport = nodemailer.createTransport(transportOptions(row, secrets));
      try {
        await transport.verify();
        return { ok: true as const };
      } catch (e) {
        const err = e as { response?: string; message?: string };
        throw new ApiError('validation', `The mail server did not accept the connection: ${err.response ?? err.message ?? String(e)}`);
      } finally {
        transport.close();
      }
    },
    'mail.outbox.list': (input, { ctx }) => listOutbox(ctx, input),
    'mail.outbox.retry': (input) => sender.retry(input.id),
    'mail.watch.get': (_, { ctx }) => getMailWatch(ctx),
    'mail.watch.save': (input, { ctx }) => {
      const saved = saveMailWatch(ctx, secrets, input);
      watcher.restart();
      return saved;
    },
    'mail.watch.test': async (_, { ctx }) => {
      const row = watchRow(ctx);
      if (!row) throw new ApiError('validation', 'No mailbox is set up yet: save its settings first.');
      const client = new ImapFlow(imapOptions(row, secrets));
      client.on('error', () => undefined);
      try {
        await client.connect();
        const box = await client.mailboxOpen(row.folder, { readOnly: true });
        return { ok: true as const, messages: box.exists };
      } catch (e) {
        const err = e as { responseText?: string; message?: string };
        throw new ApiError('validation', `The mailbox could not be opened: ${err.responseText ?? err.message ?? String(e)}`);
      } finally {
        await client.logout().catch(() => client.close());
      }
    },
    'mail.inbox.list': (input, { ctx }) => listInbox(ctx, input),
    'mail.inbox.get': (input, { ctx }) => getInboxMail(ctx, input.id),
    'mail.inbox.candidates': (input, { ctx }) => inboxCandidates(ctx, input.id, input.number),
    'mail.inbox.attach': (input, { ctx, me, actor }) => {
      requireInScope(ctx, user(me), input.interventionId);
      return attachInboxMail(ctx, actor, input.id, input.interventionId);
    },
    'mail.inbox.dismiss': (input, { ctx }) => dismissInboxMail(ctx, input.id),
  };
}
