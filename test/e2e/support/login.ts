import { expect, type Page } from '@playwright/test';

/** Logs in through the real login screen. */
export async function logIn(page: Page, login = 'admin', password = 'demo'): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('statusbar-user')).toBeVisible();
}

/** Logs in over HTTP only (no UI), for tests about the API itself. */
export async function logInByApi(page: Page, login = 'admin', password = 'demo'): Promise<void> {
  await page.goto('/');
  const status = await page.evaluate(
    async ([l, p]) => (await fetch('/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ login: l, password: p }) })).status,
    [login, password],
  );
  expect(status).toBe(200);
}
