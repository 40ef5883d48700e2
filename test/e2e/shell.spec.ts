import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { logIn } from './support/login';

/** i18next records any key it could not find here (src/renderer/src/i18n/setup.ts). */
const missingKeys = (page: Page): Promise<string[]> =>
  page.evaluate(() => (globalThis as unknown as { __missingI18nKeys?: string[] }).__missingI18nKeys ?? []);

test('a wrong password gets a message and no session', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('login-user').fill('admin');
  await page.getByTestId('login-password').fill('not the password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('Wrong login or password');
  await expect(page.getByTestId('statusbar-user')).toHaveCount(0);
});

test('log in, see the shell and the demo data, switch language, log out', async ({ page }) => {
  await logIn(page, 'admin', 'demo');
  await expect(page.getByTestId('statusbar-user')).toContainText('admin', { ignoreCase: true });
  await expect(page.getByTestId('statusbar-database')).toContainText('demo.sqlite');
  await expect(page.getByTestId('statusbar-mode')).toContainText('Browser');
  // The first-start demo database has 20,000 interventions (other tests on this host may have deleted a few).
  const info = await api<{ counts: { interventions: number; clients: number } }>(page, 'app.info', {});
  expect(info.counts.interventions).toBeGreaterThan(19_900);
  await expect(page.getByTestId('count-interventions')).toHaveText(info.counts.interventions.toLocaleString('en'));
  await expect(page.getByTestId('count-clients')).toHaveText(info.counts.clients.toLocaleString('en'));
  for (const module of ['interventions', 'calendar', 'clients', 'calls', 'recordings', 'reports', 'admin']) {
    await expect(page.getByTestId(`nav-${module}`)).toBeVisible();
  }
  await page.getByTestId('nav-reports').click();
  await expect(page.getByTestId('not-built')).toBeVisible();
  await page.keyboard.press('Alt+1');
  await expect(page.getByTestId('count-interventions')).toBeVisible();

  await page.getByTestId('user-menu').click();
  await page.getByTestId('lang-ro').click();
  await expect(page.getByTestId('nav-interventions')).toContainText('Intervenții');
  await expect(page.getByTestId('count-interventions')).toHaveText(info.counts.interventions.toLocaleString('ro'));
  // The choice is the user's: it survives a reload.
  await page.reload();
  await expect(page.getByTestId('nav-clients')).toContainText('Clienți');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('lang-ca').click();
  await expect(page.getByTestId('nav-interventions')).toContainText('Sol·licituds');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('lang-pt-BR').click();
  await expect(page.getByTestId('nav-interventions')).toContainText('Atendimentos');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('nav-interventions')).toContainText('Interventions');
  expect(await missingKeys(page)).toEqual([]);

  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('login-submit')).toBeVisible();
});

test('a technician does not see administration, calls or recordings', async ({ page }) => {
  await logIn(page, 'technician', 'demo');
  await expect(page.getByTestId('nav-interventions')).toBeVisible();
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  await expect(page.getByTestId('nav-calls')).toHaveCount(0);
  await expect(page.getByTestId('nav-recordings')).toHaveCount(0);
});
