import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { MailAccountView, mailAccountInput } from '../../shared/api/mail';
import type { ServiceContext } from '../core/context';
import type { SecretBox } from '../core/secrets';
import { mailAccounts } from '../db/schema';

/* The workstation's SMTP account: one row, its password sealed (core/secrets.ts), never shown. */

const ID = 'smtp';
type Row = typeof mailAccounts.$inferSelect;

function view(row: Row): MailAccountView {
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    user: row.user,
    fromAddress: row.fromAddress,
    fromName: row.fromName,
    replyTo: row.replyTo,
    enabled: row.enabled,
    hasPassword: row.passwordSealed !== null,
  };
}

export function accountRow(s: ServiceContext): Row | null {
  return s.db.select().from(mailAccounts).where(eq(mailAccounts.id, ID)).get() ?? null;
}

export function getMailAccount(s: ServiceContext): MailAccountView | null {
  const row = accountRow(s);
  return row ? view(row) : null;
}

/** Saves the account; a password given is sealed at once, none given keeps the saved one. */
export function saveMailAccount(s: ServiceContext, secrets: SecretBox, input: z.output<typeof mailAccountInput>): MailAccountView {
  const { password, ...rest } = input;
  const existing = accountRow(s);
  const values = { ...rest, passwordSealed: password ? secrets.seal(password) : (existing?.passwordSealed ?? null), updatedAt: s.now() };
  s.db
    .insert(mailAccounts)
    .values({ id: ID, ...values })
    .onConflictDoUpdate({ target: mailAccounts.id, set: values })
    .run();
  return view(accountRow(s)!);
}

/** nodemailer's transport options for the saved account. */
export function transportOptions(row: Row, secrets: SecretBox) {
  return {
    host: row.host,
    port: row.port,
    secure: row.security === 'tls',
    requireTLS: row.security === 'starttls',
    ignoreTLS: row.security === 'none',
    auth: row.user ? { user: row.user, pass: row.passwordSealed ? secrets.open(row.passwordSealed) : '' } : undefined,
    // A server that does not answer is an error after this long, not a sender stuck for minutes.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  };
}
