import { expect, test, type Page } from '@playwright/test';
import { logIn } from './support/login';

/** Calls the API from the page over its own WebSocket session; resolves with the whole result. */
async function api(page: Page, method: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
  return page.evaluate(
    ([m, i]) =>
      new Promise((resolve) => {
        const origin = (globalThis as unknown as { location: { origin: string } }).location.origin;
        const ws = new WebSocket(`${origin.replace('http', 'ws')}/api`);
        ws.onopen = () => ws.send(JSON.stringify({ id: 1, method: m, input: i }));
        ws.onmessage = (e) => {
          const msg = JSON.parse(String(e.data)) as { id?: number; result?: { ok: boolean } };
          if (msg.id !== 1) return;
          ws.close();
          resolve(msg.result as { ok: boolean });
        };
      }),
    [method, input] as const,
  );
}

const rows = (page: Page) => page.getByTestId('client-row');

async function openClients(page: Page, login = 'admin') {
  await logIn(page, login, 'demo');
  await page.getByTestId('nav-clients').click();
  await expect(rows(page).first()).toBeVisible();
}

/** A demo client with a phone, read from the list. */
async function aClientWithPhone(page: Page): Promise<{ id: string; name: string; phone: string }> {
  const row = page.locator('[data-testid="client-row"]').filter({ hasText: '+40 7' }).first();
  const id = (await row.getAttribute('data-client-id')) ?? '';
  const name = ((await row.locator('td').nth(0).textContent()) ?? '').trim();
  const phone = ((await row.locator('td').nth(6).textContent()) ?? '').trim();
  return { id, name, phone };
}

test('search by a phone typed the national way, open with Enter, edit and save with Ctrl+S', async ({ page }) => {
  await openClients(page);
  const client = await aClientWithPhone(page);
  const national = '0' + client.phone.replace('+40', '').replace(/\s/g, '');
  await page.getByTestId('client-search').fill(national);
  await expect(rows(page)).toHaveCount(1);
  await expect(rows(page).first()).toHaveAttribute('data-client-id', client.id);
  await page.getByTestId('client-search').press('Enter');
  await expect(page.getByTestId('client-field-name')).toHaveValue(client.name);
  await page.getByTestId('client-field-locality').fill('Sibiu');
  await page.getByTestId('client-field-notes').fill('<script>alert(1)</script> prefers mornings');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('client-editor')).toHaveAttribute('data-dirty', 'false');
  await expect(rows(page).first().locator('td').nth(3)).toHaveText('Sibiu');
  const saved = (await api(page, 'clients.get', { id: client.id })) as { ok: boolean; value: { client: { locality: string; notes: string } } };
  expect(saved.value.client).toMatchObject({ locality: 'Sibiu', notes: '<script>alert(1)</script> prefers mornings' });
});

test('a new client with the phone of another shows the duplicate, then saves anyway; a contact is added inline', async ({ page }) => {
  await openClients(page);
  const other = await aClientWithPhone(page);
  await page.getByTestId('clients-list').focus();
  await page.keyboard.press('Insert');
  await page.getByTestId('client-field-name').fill('Termo Duplicat SRL');
  await page.getByTestId('client-field-phone').fill('0' + other.phone.replace('+40', '').replace(/\s/g, ''));
  await page.getByTestId('client-save').click();
  const dup = page.getByTestId('client-duplicates');
  await expect(dup).toBeVisible();
  await expect(dup).toContainText(other.name);
  await expect(dup.locator(`[data-client-id="${other.id}"]`)).toBeVisible();
  await page.getByTestId('client-save-anyway').click();
  await expect(page.getByTestId('client-editor')).not.toHaveAttribute('data-client-id', 'new');
  await expect(page.getByTestId('client-editor-title')).toHaveText('Termo Duplicat SRL');

  await page.getByTestId('contact-add').click();
  await page.getByTestId('contact-field-name').fill('Mihai Stan');
  await page.getByTestId('contact-field-jobFunction').fill('Administrator');
  await page.getByTestId('contact-field-phone').fill('0722 111 222');
  await page.getByTestId('contact-field-email').fill('not-an-email');
  await page.getByTestId('contact-save').click();
  await expect(page.getByTestId('contact-edit')).toContainText('Not a valid e-mail address.');
  await page.getByTestId('contact-field-email').fill('mihai.stan@example.ro');
  await page.getByTestId('contact-save').click();
  const contact = page.getByTestId('contact-row');
  await expect(contact).toHaveCount(1);
  await expect(contact).toContainText('Mihai Stan');
  await expect(contact).toContainText('+40 722 111 222');
});

test('an invalid Romanian CIF gets a message on the field naming the rule', async ({ page }) => {
  await openClients(page);
  await page.getByTestId('client-add').click();
  await page.getByTestId('client-field-name').fill('Cod Greșit SRL');
  await page.getByTestId('client-field-fiscalCode').fill('RO18547291');
  await page.getByTestId('client-save').click();
  const field = page.getByTestId('client-field-fiscalCode');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Not a valid Romanian CIF: check digit.')).toBeVisible();
  // Esc asks before throwing the new client away.
  await field.press('Escape');
  await expect(page.getByTestId('discard-dialog')).toBeVisible();
  await page.getByTestId('discard-confirm').click();
  await expect(page.getByTestId('client-editor')).toHaveCount(0);
});

test('a stale save shows both values and lets the user choose', async ({ page }) => {
  await openClients(page);
  const id = (await rows(page).nth(3).getAttribute('data-client-id')) ?? '';
  await rows(page).nth(3).dblclick();
  await expect(page.getByTestId('client-editor')).toHaveAttribute('data-client-id', id);
  const before = (await api(page, 'clients.get', { id })) as { value: { client: { version: number } } };
  expect((await api(page, 'clients.update', { id, version: before.value.client.version, patch: { county: 'Cluj' } })).ok).toBe(true);
  await page.getByTestId('client-field-county').fill('Bihor');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('conflict-dialog')).toBeVisible();
  await expect(page.getByTestId('conflict-row-county')).toContainText('Bihor');
  await expect(page.getByTestId('conflict-row-county')).toContainText('Cluj');
  await page.getByTestId('conflict-pick-county-theirs').check();
  await page.getByTestId('conflict-apply').click();
  await expect(page.getByTestId('conflict-dialog')).toHaveCount(0);
  await expect(page.getByTestId('client-field-county')).toHaveValue('Cluj');
});

test('the auditor sees clients read-only and main refuses a write', async ({ page }) => {
  await openClients(page, 'auditor');
  await expect(page.getByTestId('client-add')).toHaveCount(0);
  const id = (await rows(page).first().getAttribute('data-client-id')) ?? '';
  await rows(page).first().dblclick();
  await expect(page.getByTestId('client-readonly')).toBeVisible();
  await expect(page.getByTestId('client-save')).toHaveCount(0);
  await expect(page.getByTestId('client-field-name')).toHaveAttribute('readonly', '');
  await expect(page.getByTestId('contact-add')).toHaveCount(0);
  const r = await api(page, 'clients.update', { id, version: 1, patch: { name: 'Hacked' } });
  expect(r).toMatchObject({ ok: false, error: { code: 'forbidden' } });
});
