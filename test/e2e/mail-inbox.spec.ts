import { expect, test } from '@playwright/test';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ImapFlow } from 'imapflow';
import type { InboxRow } from '../../src/shared/api/mail';
import { startDovecot, type ImapServer } from '../support/dovecot';
import { api } from './support/api';
import { TEST_DAY } from './support/clock';
import { logIn } from './support/login';

/*
 * Incoming mail in a browser, against Dovecot on 127.0.0.1: the administrator sets up the
 * replies mailbox (bad input refused, the watcher's state shown), a technician's "accept" by
 * mail records their answer, and an operator finds an unmatched HTML mail in the Inbox, reads it
 * in its closed frame (its script never runs), and puts it in an intervention by its number.
 * The mailbox is switched off at the end: the specs after this one share the database.
 */

test.describe.configure({ mode: 'serial' });

const MAILBOX = 'replies@example.test';
let imap: ImapServer;
let deliverer: ImapFlow;
/** A web server on 127.0.0.1 with the one picture the HTML mail shows once asked. */
let pictures: Server;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

test.beforeAll(async () => {
  imap = await startDovecot({ [MAILBOX]: 'e2e-imap-secret' });
  deliverer = new ImapFlow({ host: '127.0.0.1', port: imap.port, secure: false, doSTARTTLS: false, auth: { user: MAILBOX, pass: 'e2e-imap-secret' }, logger: false });
  await deliverer.connect();
  pictures = createServer((req, res) => (req.url === '/logo.png' ? res.writeHead(200, { 'content-type': 'image/png' }).end(PNG) : res.writeHead(404).end()));
  await new Promise<void>((r) => pictures.listen(0, '127.0.0.1', r));
});

test.afterAll(async () => {
  if (pictures) await new Promise((r) => pictures.close(r));
  await deliverer?.logout().catch(() => undefined);
  await imap?.dispose();
});

const deliver = (mail: string) => deliverer.append('INBOX', Buffer.from(mail.replace(/\r?\n/g, '\r\n'), 'utf8'));

test('replies are read from the shared mailbox: an answer by mail is recorded, an unmatched mail is put in an intervention from the Inbox', async ({ page }) => {
  // A whole operator's path with a mailbox read every few seconds and four languages: longer than one screen's test.
  test.setTimeout(150_000);
  await logIn(page, 'admin');
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('admin-tab-mail').click();
  await expect(page.getByTestId('mail-watch-not-set')).toBeVisible();

  // Bad input: said by the field, nothing saved.
  await page.getByTestId('mail-watch-host').fill('imap example');
  await page.getByTestId('mail-watch-user').fill(MAILBOX);
  await page.getByTestId('mail-watch-save').click();
  await expect(page.getByTestId('mail-watch').getByText('not a host name')).toBeVisible();
  expect(await api(page, 'mail.watch.get', {})).toBeNull();

  await page.getByTestId('mail-watch-host').fill('127.0.0.1');
  await page.getByTestId('mail-watch-port').fill(String(imap.port));
  await page.getByTestId('mail-watch-security').click();
  await page.getByRole('option', { name: /^None/ }).click();
  await page.getByTestId('mail-watch-password').fill('e2e-imap-secret');
  await page.getByTestId('mail-watch-save').click();
  await expect(page.getByText('Mailbox saved')).toBeVisible();
  await expect(page.getByTestId('mail-watch-password')).toHaveValue('');
  await page.getByTestId('mail-watch-test').click();
  await expect(page.getByText(/The mailbox opened: \d+ mails in the folder/)).toBeVisible();
  // The watcher reads it: the state line says when (the form asks again every 10 s).
  await expect(page.getByTestId('mail-watch-state')).toContainText('Read', { timeout: 20_000 });
  await expect(page.getByTestId('answer-words-en-accept')).toHaveValue(/accept/);

  // A technician answers by mail: "Accept" from their address, to the intervention's reply token.
  const client = await api<{ id: string }>(page, 'clients.create', { kind: 'company', name: 'Inbox E2E SRL', country: 'RO', email: 'Client.Nou@example.test' });
  const tech = await api<{ id: string }>(page, 'admin.personnel.create', { name: 'Radu Răspuns', email: 'radu.raspuns@example.test', isTechnician: true });
  const iv = await api<{ id: string }>(page, 'interventions.create', { docDate: TEST_DAY, clientId: client.id, objectText: 'Centrală în avarie', technicianIds: [tech.id] });
  await deliver(
    `From: Radu <radu.raspuns@example.test>\nTo: replies+${iv.id.replace(/-/g, '')}@example.test\nSubject: Re: assignment\nMessage-ID: <e2e-accept@tech.test>\n\nAccept - ajung la 10.\n\nOn Mon, 16 Nov 2026 at 09:00, Dispatch <dispatch@example.test> wrote:\n> You have been assigned to this intervention.\n`,
  );
  await expect
    .poll(async () => (await api<{ technicians: { personId: string; answer: string }[] }>(page, 'interventions.get', { id: iv.id })).technicians.find((x) => x.personId === tech.id)?.answer, { timeout: 15_000 })
    .toBe('accepted');
  // In the thread: the reply's new words, the text it quoted folded under them until asked.
  await page.goto(`/?intervention=${iv.id}`);
  await page.getByTestId('ivf-tab-messages').click();
  const reply = page.getByTestId('ivf-message').filter({ hasText: 'Accept - ajung la 10.' });
  await expect(reply.getByTestId('thread-quoted')).toHaveCount(0);
  await reply.getByTestId('thread-quoted-toggle').click();
  await expect(reply.getByTestId('thread-quoted')).toContainText('> You have been assigned to this intervention.');
  await page.screenshot({ path: 'test-results/mail-inbox/thread-quoted.png' });
  await page.goto('/');

  // An unmatched HTML mail with a script: the Inbox shows it, its frame runs nothing.
  await deliver(`From: Client Nou <client.nou@example.test>
To: ${MAILBOX}
Subject: Caloriferele sunt reci
Message-ID: <e2e-unmatched@client.test>
MIME-Version: 1.0
Content-Type: text/html; charset=utf-8

<p>Bună ziua, <b>caloriferele</b> sunt reci de ieri.</p><script>parent.document.title = 'pwned'</script><img src="https://tracker.test/p.gif" onerror="parent.document.title = 'pwned'"><img src="http://127.0.0.1:${(pictures.address() as AddressInfo).port}/logo.png" alt="logo">
`);
  await page.reload();
  await expect(page.getByTestId('inbox-count')).toHaveAttribute('data-count', '1', { timeout: 25_000 });
  await page.getByTestId('inbox-button').click();
  const item = page.getByTestId('inbox-item').filter({ hasText: 'Caloriferele sunt reci' });
  await item.click();
  await expect(page.getByTestId('inbox-mail-text')).toContainText('caloriferele sunt reci de ieri');
  await page.getByTestId('inbox-view').getByText('Formatted').click();
  const frame = page.getByTestId('inbox-frame');
  await expect(frame).toHaveAttribute('sandbox', '');
  await expect(page.frameLocator('[data-testid="inbox-frame"]').locator('b')).toHaveText('caloriferele');
  await expect(page.getByTestId('inbox-images-blocked')).toBeVisible();
  expect(await page.title()).not.toBe('pwned');
  await page.screenshot({ path: 'test-results/mail-inbox/inbox.png' });
  // Pictures only on the operator's word: the one that exists shows, the tracker's is said to have failed.
  const frameImages = page.frameLocator('[data-testid="inbox-frame"]').locator('img[src^="data:image/png"]');
  await expect(frameImages).toHaveCount(0);
  await page.getByTestId('inbox-show-pictures').click();
  await expect(frameImages).toHaveCount(1);
  await expect(page.getByTestId('inbox-pictures-failed')).toContainText('1 picture could not be loaded');
  await page.screenshot({ path: 'test-results/mail-inbox/inbox-pictures.png' });
  expect(await page.title()).not.toBe('pwned');

  // A number that is no number is said; the sender's client's open interventions are suggested.
  await page.getByTestId('inbox-number').fill('twelve');
  await page.getByTestId('inbox-find').click();
  await expect(page.getByTestId('inbox-place-error')).toContainText('Type an intervention number');
  await page.getByTestId('inbox-number').fill('');
  await page.getByTestId('inbox-find').click();
  await page.getByTestId('inbox-candidate').filter({ hasText: 'Inbox E2E SRL' }).click();
  await expect(page.getByText(/The mail is in the thread of/)).toBeVisible();
  await expect(page.getByTestId('inbox-empty')).toBeVisible();
  await expect(page.getByTestId('inbox-count')).toHaveAttribute('data-count', '0');
  const thread = await api<{ kind: string; body: string }[]>(page, 'interventions.messages.list', { id: iv.id });
  expect(thread.filter((m) => m.kind === 'email_in').map((m) => m.body.split('\n')[1])).toEqual(['Re: assignment', 'Caloriferele sunt reci']);

  // A new request by mail from the client's address: an intervention is made from it, the mail goes in its thread.
  await deliver(`From: Client Nou <client.nou@example.test>\nTo: ${MAILBOX}\nSubject: Apa caldă lipsește\nMessage-ID: <e2e-new-request@client.test>\n\nNu avem apă caldă de azi-dimineață.\n`);
  await expect(page.getByTestId('inbox-item').filter({ hasText: 'Apa caldă lipsește' })).toBeVisible({ timeout: 25_000 });
  await page.getByTestId('inbox-item').filter({ hasText: 'Apa caldă lipsește' }).click();
  await page.getByTestId('inbox-create').click();
  await expect(page.getByTestId('ivf-field-object')).toHaveValue('Apa caldă lipsește');
  await expect(page.getByTestId('ivf-client-panel')).toContainText('Inbox E2E SRL');
  await page.getByTestId('ivf-field-requestType').click();
  await page.getByRole('option').first().click();
  await page.screenshot({ path: 'test-results/mail-inbox/create-from-mail.png' });
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  await page.getByTestId('ivf-close').click();
  await expect(page.getByText('The mail is in the thread of the new intervention.')).toBeVisible();
  await expect(page.getByTestId('inbox-count')).toHaveAttribute('data-count', '0');
  const made = (await api<InboxRow[]>(page, 'mail.inbox.list', { status: 'attached' })).find((m) => m.subject === 'Apa caldă lipsește')!;
  const newThread = await api<{ kind: string; body: string }[]>(page, 'interventions.messages.list', { id: made.interventionId });
  expect(newThread.some((m) => m.kind === 'email_in' && m.body.includes('Nu avem apă caldă'))).toBe(true);
  expect((await api<{ source: string }>(page, 'interventions.get', { id: made.interventionId! })).source).toBe('email');
  await page.keyboard.press('Escape');

  // The Inbox in the four languages (what was placed, under its filter).
  for (const language of ['en', 'ro', 'pt-BR', 'ca']) {
    await api(page, 'session.setLanguage', { language });
    await page.reload();
    await page.getByTestId('inbox-button').click();
    await page.getByTestId('inbox-filter').locator('label').nth(1).click();
    await page.getByTestId('inbox-item').first().click();
    await expect(page.getByTestId('inbox-mail')).toBeVisible();
    await page.screenshot({ path: `test-results/mail-inbox/inbox-${language}.png` });
    // Escape closes the Inbox and gives the focus back to its button.
    await page.keyboard.press('Escape');
    await expect(page.locator('.mantine-Drawer-overlay')).toHaveCount(0);
    await expect(page.getByTestId('inbox-button')).toBeFocused();
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-tab-mail').click();
    await page.getByTestId('answer-words').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('mail-watch-state')).toBeVisible();
    await page.screenshot({ path: `test-results/mail-inbox/admin-${language}.png` });
  }
  await api(page, 'session.setLanguage', { language: 'en' });
  const watch = await api<Record<string, unknown>>(page, 'mail.watch.get', {});
  await api(page, 'mail.watch.save', { host: watch.host, port: watch.port, security: watch.security, user: watch.user, folder: watch.folder, enabled: false });
});
