import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { api } from './support/api';
import { TEST_DAY } from './support/clock';
import { logIn } from './support/login';

/*
 * Administration → E-mail in a browser: the mail server set up (bad input refused field by
 * field, the password never shown again, the connection tested against a real SMTP server on
 * 127.0.0.1), a technician put on an intervention mailed, a refused mail shown with the server's
 * answer and sent again, and the page in the four languages. The account is switched off at the
 * end: the specs after this one share the database.
 */

test.describe.configure({ mode: 'serial' });

const received: { to: string[]; raw: string }[] = [];
const refuse = new Set<string>();
let server: SMTPServer;
let port = 0;

test.beforeAll(async () => {
  server = new SMTPServer({
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth: (auth, _s, cb) => (auth.username === 'dispatch' && auth.password === 'e2e-smtp-secret' ? cb(null, { user: 'dispatch' }) : cb(new Error('Invalid username or password'))),
    onRcptTo: (address, _s, cb) => {
      if (!refuse.has(address.address)) return cb();
      const err = new Error('Mailbox unavailable') as Error & { responseCode: number };
      err.responseCode = 550;
      cb(err);
    },
    onData: (stream, session, cb) => {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('an administrator sets up the mail server; a technician put on an intervention is mailed; a refused mail is sent again', async ({ page }) => {
  await logIn(page, 'admin');
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('admin-tab-mail').click();
  await expect(page.getByTestId('mail-not-set')).toBeVisible();
  await expect(page.getByTestId('mail-outbox-empty')).toBeVisible();
  await page.screenshot({ path: 'test-results/mail/empty.png' });

  // Bad input: each field says what is wrong, nothing is saved.
  await page.getByTestId('mail-host').fill('smtp example');
  await page.getByTestId('mail-from').fill('not-an-address');
  await page.getByTestId('mail-save').click();
  await expect(page.getByTestId('mail-account').getByText('not a host name')).toBeVisible();
  await expect(page.getByTestId('mail-account').getByText('not an e-mail address')).toBeVisible();
  expect(await api(page, 'mail.account.get', {})).toBeNull();

  await page.getByTestId('mail-host').fill('127.0.0.1');
  await page.getByTestId('mail-port').fill(String(port));
  await page.getByTestId('mail-security').click();
  await page.getByRole('option', { name: /^None/ }).click();
  await page.getByTestId('mail-user').fill('dispatch');
  await page.getByTestId('mail-password').fill('e2e-smtp-secret');
  await page.getByTestId('mail-from').fill('dispatch@example.test');
  await page.getByTestId('mail-from-name').fill('Dispatch');
  await page.getByTestId('mail-reply-to').fill('replies@example.test');
  await page.getByTestId('mail-save').click();
  await expect(page.getByText('Mail server saved.')).toBeVisible();
  // The password is never shown again: the field is empty and says one is saved.
  await expect(page.getByTestId('mail-password')).toHaveValue('');
  await expect(page.getByTestId('mail-password')).toHaveAttribute('placeholder', /Saved/);
  await page.getByTestId('mail-test').click();
  await expect(page.getByText('The server accepted the connection and the login.')).toBeVisible();

  // A new technician with an address, put on a new intervention: mailed.
  const client = await api<{ id: string }>(page, 'clients.create', { kind: 'company', name: 'Mail E2E SRL', country: 'RO' });
  const tech = await api<{ id: string }>(page, 'admin.personnel.create', { name: 'Ilie Poștaș', email: 'ilie.postas@example.test', isTechnician: true });
  await api(page, 'interventions.create', { docDate: TEST_DAY, clientId: client.id, objectText: 'Centrală care nu pornește', technicianIds: [tech.id] });
  await expect.poll(() => received.filter((m) => m.to.includes('ilie.postas@example.test')).length, { timeout: 15_000 }).toBe(1);
  await page.getByTestId('mail-outbox-refresh').click();
  const sent = page.getByTestId('mail-outbox-row').filter({ hasText: 'ilie.postas@example.test' });
  await expect(sent).toHaveAttribute('data-status', 'sent');

  // A mailbox the server refuses: failed with its answer; sent again once the server takes it.
  refuse.add('ana.refuzata@example.test');
  const refused = await api<{ id: string }>(page, 'admin.personnel.create', { name: 'Ana Refuzată', email: 'ana.refuzata@example.test', isTechnician: true });
  await api(page, 'interventions.create', { docDate: TEST_DAY, clientId: client.id, objectText: 'Boiler', technicianIds: [refused.id] });
  const failed = page.getByTestId('mail-outbox-row').filter({ hasText: 'ana.refuzata@example.test' });
  await expect
    .poll(async () => {
      await page.getByTestId('mail-outbox-refresh').click();
      return failed.getAttribute('data-status');
    }, { timeout: 15_000 })
    .toBe('failed');
  await expect(failed).toContainText('550');
  await expect(failed).toContainText('Mailbox unavailable');
  await page.screenshot({ path: 'test-results/mail/outbox.png' });
  refuse.delete('ana.refuzata@example.test');
  await failed.getByTestId('mail-outbox-retry').click();
  await expect.poll(() => received.some((m) => m.to.includes('ana.refuzata@example.test')), { timeout: 15_000 }).toBe(true);
  await expect
    .poll(async () => {
      await page.getByTestId('mail-outbox-refresh').click();
      return failed.getAttribute('data-status');
    }, { timeout: 15_000 })
    .toBe('sent');

  // The mail's own words: previewed (about the latest numbered intervention), saved, then reset.
  await page.getByTestId('mail-templates-subject').fill('');
  await page.getByTestId('mail-templates-preview').click();
  await expect(page.getByTestId('mail-templates').getByText('required')).toBeVisible();
  await page.getByTestId('mail-templates-subject').fill('Job for you');
  await page.getByTestId('mail-templates-lead').fill('Please call the client before you go.');
  await page.getByTestId('mail-templates-preview').click();
  await expect(page.getByTestId('mail-templates-preview-subject')).toContainText(/^\[[^\]]+\] Job for you: /);
  await expect(page.frameLocator('[data-testid="mail-templates-preview-pane"] iframe').getByText('Please call the client before you go.')).toBeVisible();
  await page.getByTestId('mail-templates-save').click();
  await expect(page.getByTestId('mail-templates-custom')).toBeVisible();
  await page.getByTestId('mail-templates').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'test-results/mail/templates.png' });
  await page.getByTestId('mail-templates-reset').click();
  await expect(page.getByTestId('mail-templates-custom')).toHaveCount(0);
  await expect(page.getByTestId('mail-templates-subject')).toHaveValue('New assignment');

  // The page in the four languages.
  for (const language of ['en', 'ro', 'pt-BR', 'ca']) {
    await api(page, 'session.setLanguage', { language });
    await page.reload();
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-tab-mail').click();
    await expect(page.getByTestId('mail-outbox-row').first()).toBeVisible();
    await page.screenshot({ path: `test-results/mail/mail-${language}.png` });
  }
  await api(page, 'session.setLanguage', { language: 'en' });
  // Switched off: the specs after this one assign technicians without mailing anyone.
  const account = await api<Record<string, unknown>>(page, 'mail.account.get', {});
  const { hasPassword: _, ...rest } = account;
  await api(page, 'mail.account.save', { ...rest, enabled: false });
});
