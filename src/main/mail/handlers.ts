import nodemailer from 'nodemailer';
import type { mailMethods } from '../../shared/api/mail';
import { ApiError } from '../../shared/api/result';
import type { HandlerMap } from '../core/handler';
import type { SecretBox } from '../core/secrets';
import { accountRow, getMailAccount, saveMailAccount, transportOptions } from './account';
import { listOutbox } from './outbox';
import type { MailSender } from './sender';

/** The handlers of shared/api/mail.ts (the dispatcher checked the administrator's right). */
export function mailHandlers(secrets: SecretBox, sender: MailSender): HandlerMap<keyof typeof mailMethods> {
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
  };
}
