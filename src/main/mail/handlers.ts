import { ImapFlow } from 'imapflow';
import nodemailer from 'nodemailer';
import type { mailMethods } from '../../shared/api/mail';
import { ApiError } from '../../shared/api/result';
import { user, type HandlerMap } from '../core/handler';
import type { SecretBox } from '../core/secrets';
import { accountRow, getMailAccount, saveMailAccount, transportOptions } from './account';
import { listOutbox, previewMail } from './outbox';
import { defaultText } from './templates';
import type { SettingsService } from '../settings/settings';
import { MAIL_EVENTS, type MailTemplates } from '../../shared/api/settings';
import { LANGUAGES } from '../../shared/i18n/languages';
import type { MailTemplateText } from '../../shared/api/mail';
import type { MailSender } from './sender';
import { attachInboxMail, dismissInboxMail, getInboxMail, inboxCandidates, listInbox } from './inbox';
import { getMailWatch, imapOptions, saveMailWatch, watchRow } from './watch-account';
import { showRemotePictures } from './remote-images';
import type { MailWatcher } from './watcher';
import { requireInScope } from '../interventions/scope';

/** The handlers of shared/api/mail.ts (the dispatcher checked the administrator's right). */
export function mailHandlers(secrets: SecretBox, settings: SettingsService, sender: MailSender, watcher: MailWatcher): HandlerMap<keyof typeof mailMethods> {
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
    'mail.templates.list': () => templateTexts(settings.get().mailTemplates),
    'mail.templates.save': (input) => {
      const all = { ...settings.get().mailTemplates };
      const forEvent = { ...all[input.event] };
      if ('reset' in input) delete forEvent[input.language];
      else forEvent[input.language] = { subject: input.subject, lead: input.lead };
      const saved = settings.update({ mailTemplates: { ...all, [input.event]: forEvent } }).mailTemplates;
      return templateTexts(saved).find((x) => x.event === input.event && x.language === input.language)!;
    },
    'mail.templates.preview': ({ event, language, subject, lead }, { ctx }) => previewMail(ctx, event, language, { subject, lead }),
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
    'mail.inbox.pictures': async (input, { ctx }) => {
      const { html } = getInboxMail(ctx, input.id);
      if (!html) throw new ApiError('validation', 'This mail has no HTML, so no pictures to show.');
      return showRemotePictures(html);
    },
    'mail.inbox.candidates': (input, { ctx }) => inboxCandidates(ctx, input.id, input.number),
    'mail.inbox.attach': (input, { ctx, me, actor }) => {
      requireInScope(ctx, user(me), input.interventionId);
      return attachInboxMail(ctx, actor, input.id, input.interventionId);
    },
    'mail.inbox.dismiss': (input, { ctx }) => dismissInboxMail(ctx, input.id),
  };
}

/** Every event's words in every language, the administrator's where saved. */
function templateTexts(custom: MailTemplates): MailTemplateText[] {
  return MAIL_EVENTS.flatMap((event) =>
    LANGUAGES.map((language) => {
      const own = defaultText(event, language);
      const mine = custom[event]?.[language];
      return { event, language, subject: mine?.subject ?? own.subject, lead: mine?.lead ?? own.lead, defaultSubject: own.subject, defaultLead: own.lead, custom: mine !== undefined };
    }),
  );
}
