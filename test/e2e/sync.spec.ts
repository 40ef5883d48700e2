import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { openRaw, wrap } from '../../src/main/db/connection';
import { runMigrations } from '../../src/main/db/migrate';
import { generateDemo } from '../../src/main/demo/generate';
import { createStoreUser, migrateStore } from '../../src/main/sync/store-admin';
import { seedStore } from '../../src/main/sync/store-seed';
import { freePort, startCluster } from '../support/pg-cluster';
import { api } from './support/api';
import { hostEnv, TEST_CLOCK, TEST_DAY } from './support/clock';
import { logIn } from './support/login';

/*
 * Two workstations (two browser-mode hosts, each its own SQLite file) and a shared store on a
 * real PostgreSQL, all started here: an administrator joins the store from the Shared store
 * page, the second workstation joins too, and each browser sees the other's edits in its grid.
 * Screenshots of the store page and the sync panel in the four languages go to
 * test-results/sync/ to be looked at.
 */

test.describe.configure({ mode: 'serial' });

const LANGUAGES = ['en', 'ro', 'pt-BR', 'ca'] as const;
const STORE_LOGIN = 'storeadmin';
const STORE_PASSWORD = 'store-e2e-password';

let cluster: Awaited<ReturnType<typeof startCluster>>;
let ownerUrl: string;
/** The store's URL as an administrator types it: no login in it. */
let joinUrl: string;
const hosts: { port: number; child: ChildProcess }[] = [];

async function startHost(port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['test/e2e/support/start-host.mjs', String(port)], { env: hostEnv(), stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 480; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // Not listening yet: the host makes its demo database on first start.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  throw new Error(`the host on port ${port} did not start`);
}

async function pageOn(browser: Browser, port: number): Promise<Page> {
  const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, viewport: { width: 1440, height: 900 } });
  return context.newPage();
}

async function openStorePage(page: Page): Promise<void> {
  await page.getByTestId('nav-admin').click();
  await page.getByTestId('admin-tab-store').click();
  await expect(page.getByTestId('admin-store')).toBeVisible();
}

test.beforeAll(async () => {
  test.setTimeout(240_000);
  cluster = await startCluster();
  const c = new pg.Client({ connectionString: cluster.ownerUrl });
  await c.connect();
  await c.query('CREATE DATABASE cc_e2e');
  await c.end();
  const u = new URL(cluster.ownerUrl);
  u.pathname = '/cc_e2e';
  ownerUrl = u.toString();
  await migrateStore(ownerUrl);
  await createStoreUser(ownerUrl, STORE_LOGIN, STORE_PASSWORD, 'admin', Date.parse(TEST_CLOCK));
  u.username = '';
  u.password = '';
  joinUrl = u.toString();
  const ports = [await freePort(), await freePort()];
  for (const port of ports) hosts.push({ port, child: await startHost(port) });
});

test.afterAll(() => {
  for (const h of hosts) h.child.kill('SIGTERM');
  cluster?.stop();
});

test('an administrator joins the shared store from the Shared store page (screenshots in four languages)', async ({ browser }) => {
  const a = await pageOn(browser, hosts[0]!.port);
  await logIn(a);
  for (const language of LANGUAGES) {
    await api(a, 'session.setLanguage', { language });
    await a.reload();
    await openStorePage(a);
    await expect(a.getByTestId('admin-store-standalone')).toBeVisible();
    await a.screenshot({ path: `test-results/sync/${language}-1-store-standalone.png` });
  }
  await api(a, 'session.setLanguage', { language: 'en' });
  await a.reload();
  await openStorePage(a);
  await a.getByTestId('admin-store-url').fill(joinUrl);
  await a.getByTestId('admin-store-login').fill(STORE_LOGIN);
  await a.getByTestId('admin-store-password').fill(STORE_PASSWORD);
  // The demo database is the workstation's own work: joining without saying to discard it is refused.
  await a.getByTestId('admin-store-submit').click();
  await expect(a.getByTestId('admin-store-error')).toContainText('Confirm to discard them');
  await a.getByTestId('admin-store-discard').check();
  await a.getByTestId('admin-store-submit').click();
  // The workstation's users are the store's now: the local administrator's session ended.
  await expect(a.getByTestId('login-user')).toBeVisible({ timeout: 30_000 });
  await logIn(a, STORE_LOGIN, STORE_PASSWORD);
  await openStorePage(a);
  await expect(a.getByTestId('sync-facts')).toContainText('cc_e2e');
  await expect(a.getByTestId('admin-store-workstation')).toHaveCount(1);
  await a.context().close();
});

test("two workstations see each other's edits in the grid", async ({ browser }) => {
  // The second workstation joins over the API (the page did it for the first).
  const b = await pageOn(browser, hosts[1]!.port);
  await logIn(b);
  await api(b, 'sync.join', { url: joinUrl, login: STORE_LOGIN, password: STORE_PASSWORD, discardLocal: true });
  await logIn(b, STORE_LOGIN, STORE_PASSWORD);
  const a = await pageOn(browser, hosts[0]!.port);
  await logIn(a, STORE_LOGIN, STORE_PASSWORD);
  for (const p of [a, b]) {
    await p.getByTestId('nav-interventions').click();
    await expect(p.getByTestId('result-count')).toBeVisible();
  }
  // B records a request; A's grid shows it without anyone reloading.
  await api(b, 'admin.periods.create', { startDate: TEST_DAY.slice(0, 8) + '01', endDate: TEST_DAY.slice(0, 8) + '28' });
  const client = await api<{ id: string }>(b, 'clients.create', { kind: 'company', name: 'Sync Frigo SRL', country: 'RO' });
  const iv = await api<{ id: string; version: number }>(b, 'interventions.create', { docDate: TEST_DAY, clientId: client.id, objectText: 'Sync E2E boiler' });
  const rowOnA = a.locator(`[data-row-id="${iv.id}"]`);
  await expect(rowOnA).toContainText('Sync Frigo SRL', { timeout: 15_000 });
  // A edits it; B's grid follows, in place.
  const onA = await api<{ version: number }>(a, 'interventions.get', { id: iv.id });
  await api(a, 'interventions.update', { id: iv.id, version: onA.version, patch: { priority: 3 } });
  await expect(b.locator(`[data-row-id="${iv.id}"] [data-col="priority"]`)).toHaveText('High', { timeout: 15_000 });
  await a.screenshot({ path: 'test-results/sync/grid-workstation-a.png' });
  await b.screenshot({ path: 'test-results/sync/grid-workstation-b.png' });

  // A value that lost to another workstation's (as the store records it): reviewed in the sync
  // panel, in each language, and re-applied from there.
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  await owner.query(
    `INSERT INTO cc.conflicts (at, workstation_id, user_login, mutation_id, table_name, row_id, field, theirs, kept, base_version)
     VALUES ($1, 'ws-e2e-laptop', $2, 'm-e2e', 'clients', $3, 'email', '"office@sync-frigo.test"', 'null', 1)`,
    [Date.parse(TEST_CLOCK), STORE_LOGIN, client.id],
  );
  await owner.end();
  for (const language of LANGUAGES) {
    await api(a, 'session.setLanguage', { language });
    await a.reload();
    await a.getByTestId('sync-slot').click();
    await expect(a.getByTestId('sync-conflict')).toHaveCount(1);
    // The dialog has finished fading in (for the screenshot).
    await expect(a.locator('.mantine-Modal-content')).toHaveCSS('opacity', '1');
    await a.screenshot({ path: `test-results/sync/${language}-2-sync-panel.png` });
    await a.keyboard.press('Escape');
  }
  await api(a, 'session.setLanguage', { language: 'en' });
  await a.reload();
  await a.getByTestId('sync-slot').click();
  await a.getByTestId('sync-conflict-reapply').click();
  await expect(a.getByTestId('sync-conflicts-empty')).toBeVisible();
  await expect
    .poll(async () => (await api<{ client: { email: string | null } }>(b, 'clients.get', { id: client.id })).client.email, { timeout: 15_000 })
    .toBe('office@sync-frigo.test');
  // Nothing stays waiting: the language changes and the re-applied value were all sent.
  await expect.poll(async () => (await api<{ pending: number }>(a, 'sync.status', {})).pending, { timeout: 15_000 }).toBe(0);
});

test('joining a store that already holds 60,000 interventions downloads them all, showing how far it has come', async ({ browser }) => {
  test.setTimeout(180_000);
  // A second store, filled from a demo database as an office that worked standalone would be.
  const dir = mkdtempSync(join(tmpdir(), 'cc-e2e-seed-'));
  const file = join(dir, 'office.sqlite');
  const raw = openRaw(file);
  runMigrations(wrap(raw), file);
  generateDemo(raw, { interventions: 60_000, seed: 11, now: new Date(TEST_CLOCK) });
  raw.close();
  const c = new pg.Client({ connectionString: cluster.ownerUrl });
  await c.connect();
  await c.query('CREATE DATABASE cc_e2e_office');
  await c.end();
  const office = Object.assign(new URL(ownerUrl), { pathname: '/cc_e2e_office' });
  await migrateStore(office.toString());
  await seedStore(office.toString(), file);
  await createStoreUser(office.toString(), 'admin', STORE_PASSWORD, 'admin', Date.parse(TEST_CLOCK));
  rmSync(dir, { recursive: true, force: true });

  const b = await pageOn(browser, hosts[1]!.port);
  await logIn(b, STORE_LOGIN, STORE_PASSWORD);
  await openStorePage(b);
  await b.getByTestId('admin-store-join-toggle').click();
  await b.getByTestId('admin-store-url').fill(Object.assign(new URL(office), { username: '', password: '' }).toString());
  await b.getByTestId('admin-store-login').fill('admin');
  await b.getByTestId('admin-store-password').fill(STORE_PASSWORD);
  await b.getByTestId('admin-store-discard').check();
  await b.getByTestId('admin-store-submit').click();
  // The workstation's users are the store's from the first moment of the download: the
  // administrator logs in again as the store's and sees how far it has come (a picture of the
  // sync panel when the page catches the download under way).
  await expect(b.getByTestId('login-user')).toBeVisible({ timeout: 30_000 });
  // A login while the indexes are built waits for them (core/write-gate.ts): about 3 s here.
  await logIn(b, 'admin', STORE_PASSWORD, 60_000);
  const slot = b.getByTestId('sync-slot');
  for (let i = 0; i < 400; i++) {
    const text = (await slot.textContent()) ?? '';
    if (/%|indexing/.test(text)) {
      await slot.click();
      await b.getByTestId('sync-progress').waitFor({ timeout: 2000 }).catch(() => undefined);
      await expect(b.locator('.mantine-Modal-content')).toHaveCSS('opacity', '1');
      await b.screenshot({ path: 'test-results/sync/en-3-store-download.png' });
      await b.keyboard.press('Escape');
      break;
    }
    if (/Synced/.test(text)) break;
    await b.waitForTimeout(25);
  }
  await b.getByTestId('nav-interventions').click();
  await expect(b.getByTestId('result-count')).toContainText('60,000', { timeout: 60_000 });
  await b.screenshot({ path: 'test-results/sync/en-4-after-download.png' });
});
