import { expect, test, type Browser, type Page } from '@playwright/test';

/**
 * Logs in through the real login screen. `timeout` for a login that waits for the host (one
 * during the index build after a download of the store waits for it to end).
 */
export async function logIn(page: Page, login = 'admin', password = 'demo', timeout?: number): Promise<void> {
  await page.goto('/');
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('statusbar-user')).toBeVisible(timeout ? { timeout } : {});
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

/** A second person at another computer: their own browser context, their own session. */
export async function asUser(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await logIn(page, login, 'demo');
  return page;
}

/** Who the page is logged in as (the browser host's session endpoint, as the app itself asks). */
export async function me(page: Page): Promise<{ personId: string | null; displayName: string }> {
  const body = (await page.evaluate(async (): Promise<unknown> => (await fetch('/auth/session')).json() as Promise<unknown>)) as { me?: unknown; value?: { me: unknown } };
  return (body.me ?? body.value?.me) as { personId: string | null; displayName: string };
}
