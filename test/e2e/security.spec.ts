import { expect, test, type Page } from '@playwright/test';
import { logIn, logInByApi } from './support/login';

/** Opens the API WebSocket from the current page and reports how it went. */
const openSocket = (page: Page, url: string) =>
  page.evaluate(
    (u) =>
      new Promise<string>((resolve) => {
        const ws = new WebSocket(u);
        ws.onopen = () => {
          resolve('open');
          ws.close();
        };
        ws.onerror = () => resolve('refused');
      }),
    url,
  );

test('a WebSocket without a login is refused', async ({ page, baseURL }) => {
  await page.goto('/');
  expect(await openSocket(page, `${baseURL!.replace('http', 'ws')}/api`)).toBe('refused');
});

test('a logged-in user is still refused from another origin', async ({ page, baseURL }) => {
  await logInByApi(page);
  expect(await openSocket(page, `${baseURL!.replace('http', 'ws')}/api`)).toBe('open');
  // A hostile page elsewhere, in the same browser that holds the session cookie.
  await page.route('http://evil.test/**', (route) => route.fulfill({ contentType: 'text/html', body: '<title>evil</title>' }));
  await page.goto('http://evil.test/');
  expect(await openSocket(page, `${baseURL!.replace('http', 'ws')}/api`)).toBe('refused');
});

test('a call with invalid input gets a validation error and the connection keeps working', async ({ page, baseURL }) => {
  await logInByApi(page);
  const answers = await page.evaluate(
    (u) =>
      new Promise<unknown[]>((resolve) => {
        const ws = new WebSocket(u);
        const got: unknown[] = [];
        ws.onmessage = (e) => {
          const msg = JSON.parse(String(e.data)) as { id?: number };
          if (typeof msg.id === 'number' || msg.id === null) got.push(msg);
          if (got.length === 4) resolve(got);
        };
        ws.onopen = () => {
          ws.send(JSON.stringify({ id: 1, method: 'clients.create', input: { kind: 'company', name: '', country: 'Romania' } }));
          ws.send(JSON.stringify({ id: 2, method: 'clients.create', input: 'not an object' }));
          ws.send('{{{ not json');
          ws.send(JSON.stringify({ id: 3, method: 'session.me', input: {} }));
        };
      }),
    `${baseURL!.replace('http', 'ws')}/api`,
  );
  const byId = new Map(answers.map((a) => [(a as { id: number | null }).id, (a as { result: unknown }).result]));
  expect(byId.get(1)).toMatchObject({ ok: false, error: { code: 'validation', issues: expect.arrayContaining([expect.objectContaining({ path: 'name' }), expect.objectContaining({ path: 'country' })]) as unknown } });
  expect(byId.get(2)).toMatchObject({ ok: false, error: { code: 'validation' } });
  expect(byId.get(null)).toMatchObject({ ok: false, error: { code: 'bad_request' } });
  expect(byId.get(3)).toMatchObject({ ok: true, value: { login: 'admin' } });
});

test('the page is served with a strict Content-Security-Policy', async ({ page }) => {
  const response = await page.goto('/');
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("frame-ancestors 'none'");
});

test('the app runs under its CSP without a single violation, and asks for no browser permission beyond the microphone', async ({ page }) => {
  // Recorded from the first script on: zod's eval probe used to be refused (and reported) on every load.
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.assign(window, { cspViolations: seen });
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const response = await page.goto('/');
  expect(response!.headers()['permissions-policy']).toContain('camera=()');
  await logIn(page);
  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Insert');
  await expect(page.getByTestId('ivf-form')).toBeVisible();
  await page.keyboard.press('Control+s'); // the form's schema runs (and refuses the empty form)
  expect(await page.evaluate((): string[] => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});
