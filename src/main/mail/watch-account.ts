import { eq } from 'drizzle-orm';
import { ImapFlow, type ImapFlowOptions } from 'imapflow';
import type { z } from 'zod';
import type { MailWatchView, mailWatchInput } from '../../shared/api/mail';
import type { ServiceContext } from '../core/context';
import type { SecretBox } from '../core/secrets';
import { mailWatch } from '../db/schema';

/* The shared mailbox the watcher reads (one row, id 'imap'): its password sealed, never shown. */

const ID = 'imap';
export type WatchRow = typeof mailWatch.$inferSelect;

function view(row: WatchRow): MailWatchView {
  return {
    host: row.host,
    port: row.port,
    security: row.security,
    user: row.user,
    folder: row.folder,
    enabled: row.enabled,
    hasPassword: row.passwordSealed !== null,
    checkedAt: row.checkedAt,
    lastError: row.lastError,
    lastUid: row.lastUid,
  };
}

export function watchRow(s: ServiceContext): WatchRow | null {
  return s.db.select().from(mailWatch).where(eq(mailWatch.id, ID)).get() ?? null;
}

export function getMailWatch(s: ServiceContext): MailWatchView | null {
  const row = watchRow(s);
  return row ? view(row) : null;
}

/**
 * Saves the mailbox. Another server, user or folder is another mailbox: reading starts over
 * there (its UIDs say nothing here), and the Message-IDs already taken keep a mail from counting twice.
 */
export function saveMailWatch(s: ServiceContext, secrets: SecretBox, input: z.output<typeof mailWatchInput>): MailWatchView {
  const { password, ...rest } = input;
  const existing = watchRow(s);
  const moved = existing && (existing.host !== rest.host || existing.port !== rest.port || existing.user !== rest.user || existing.folder !== rest.folder);
  const values = {
    ...rest,
    passwordSealed: password ? secrets.seal(password) : (existing?.passwordSealed ?? null),
    updatedAt: s.now(),
    lastError: null,
    ...(moved ? { uidValidity: null, lastUid: 0 } : {}),
  };
  s.db
    .insert(mailWatch)
    .values({ id: ID, ...values })
    .onConflictDoUpdate({ target: mailWatch.id, set: values })
    .run();
  return view(watchRow(s)!);
}

/** imapflow's options for the saved mailbox. */
export function imapOptions(row: WatchRow, secrets: SecretBox): ImapFlowOptions {
  return {
    host: row.host,
    port: row.port,
    secure: row.security === 'tls',
    // STARTTLS required when asked for; never tried on a plain connection (loopback, a test server).
    doSTARTTLS: row.security === 'starttls' ? true : row.security === 'none' ? false : undefined,
    auth: { user: row.user, pass: row.passwordSealed ? secrets.open(row.passwordSealed) : '' },
    logger: false,
    // The watcher idles itself (see watcher.ts): new mail is heard within a second, not after imapflow's 15 s.
    disableAutoIdle: true,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 5 * 60_000,
  };
}

/**
 * Which of these Message-IDs the shared mailbox holds (the blind copies of mails sent from here).
 * None without a mailbox read; throws when it cannot be reached, for the caller to decide.
 */
export async function copiesInMailbox(s: ServiceContext, secrets: SecretBox, messageIds: readonly string[]): Promise<Set<string>> {
  const row = watchRow(s);
  const found = new Set<string>();
  if (!row?.enabled || !row.passwordSealed || messageIds.length === 0) return found;
  const client = new ImapFlow(imapOptions(row, secrets));
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.mailboxOpen(row.folder, { readOnly: true });
    for (const id of messageIds) {
      const uids = await client.search({ header: { 'message-id': id } }, { uid: true });
      if (uids && uids.length > 0) found.add(id);
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
  return found;
}
