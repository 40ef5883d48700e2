import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { api } from './support/api';
import { logIn } from './support/login';
import { bigPort } from './support/ports';
import { waitForBigHost } from './support/big-host';
import { TEST_DAY } from './support/clock';

async function headerOrder(page: Page): Promise<(string | null)[]> {
  const ids: (string | null)[] = [];
  for (const header of await page.locator('[data-col-header]').all()) ids.push(await header.getAttribute('data-col-header'));
  return ids;
}

/** `order` with `id` taken out and put back at `index`. */
function moved(order: (string | null)[], id: string, index: number): (string | null)[] {
  const rest = order.filter((x) => x !== id);
  rest.splice(index, 0, id);
  return rest;
}

const grid = (page: Page) => page.getByTestId('grid');
const rows = (page: Page) => page.getByTestId('grid-row');

async function openGrid(page: Page, login = 'admin') {
  await logIn(page, login, 'demo');
  await page.getByTestId('nav-interventions').click();
  await expect(rows(page).first()).toBeVisible();
}

test('group by status then client, and expand a group', async ({ page }) => {
  await openGrid(page);
  await page.getByTestId('group-by').click();
  await page.getByRole('option', { name: 'Status' }).click();
  await page.getByRole('option', { name: 'Client' }).click();
  await page.keyboard.press('Escape');
  const statusGroups = page.locator('[data-testid="group-row"][data-level="0"]');
  await expect(statusGroups.first()).toBeVisible();
  const taken = page.locator('[data-testid="group-row"][data-level="0"][data-group-key="taken"]');
  await taken.click();
  const clientGroup = page.locator('[data-testid="group-row"][data-level="1"]').first();
  await expect(clientGroup).toBeVisible();
  const clientName = (await clientGroup.getAttribute('data-group-label')) ?? '';
  await clientGroup.click();
  await expect(rows(page).first()).toBeVisible();
  const shown = await rows(page).count();
  expect(shown).toBeGreaterThan(0);
  for (const cell of await page.locator('[data-testid="grid-row"] [data-col="client"]').allTextContents()) expect(cell).toBe(clientName);
  // Rows under two groups are indented past the second group's chevron.
  await expect(rows(page).first()).toHaveAttribute('data-depth', '2');
  await expect(rows(page).first().locator('[role="gridcell"]').first()).toHaveCSS('padding-left', '42px');
  await page.screenshot({ path: 'test-results/grid-grouped.png' });
});

test('filter by client and date, see chips, remove one', async ({ page }) => {
  await openGrid(page);
  const firstClient = (await page.locator('[data-testid="grid-row"] [data-col="client"]').first().textContent()) ?? '';
  await page.getByTestId('filter-client').click();
  await page.getByTestId('filter-client').fill(firstClient.slice(0, 6));
  await page.getByRole('option', { name: firstClient }).first().click();
  await expect(page.getByTestId('chip-client')).toBeVisible();
  const count = Number((await page.getByTestId('result-count').getAttribute('data-count')) ?? '0');
  expect(count).toBeGreaterThan(0);
  for (const cell of await page.locator('[data-testid="grid-row"] [data-col="client"]').allTextContents()) expect(cell).toBe(firstClient);
  await page.getByTestId('chip-client').getByRole('button').click();
  await expect(page.getByTestId('chip-client')).toHaveCount(0);
});

test('reorder and hide a column, save the view, and find it again after a reload', async ({ page }) => {
  await openGrid(page);
  await page.getByTestId('columns-menu').click();
  await page.getByTestId('col-toggle-locality').click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('col-locality')).toHaveCount(0);
  // "Client" before "No.", by keyboard: a focused header moves one place per Ctrl+Shift+arrow
  // (a drag depends on the pointer's path and the machine's speed; these keys do not).
  const before = await headerOrder(page);
  const steps = before.indexOf('client') - before.indexOf('number');
  expect(steps).toBeGreaterThan(0);
  await page.getByTestId('col-client').focus();
  for (let i = 0; i < steps; i++) await page.keyboard.press('Control+Shift+ArrowLeft');
  await expect.poll(() => headerOrder(page)).toEqual(moved(before, 'client', before.indexOf('number')));
  await expect(page.getByTestId('col-client')).toBeFocused();
  // The header menu moves it too, and greys out what cannot move.
  await page.getByTestId('col-client').click({ button: 'right' });
  await page.getByTestId('hm-move-right').click();
  await expect.poll(() => headerOrder(page)).toEqual(moved(before, 'client', before.indexOf('number') + 1));
  await page.getByTestId('col-client').click({ button: 'right' });
  await page.getByTestId('hm-move-left').click();
  const order = await headerOrder(page);
  expect(order.indexOf('client')).toBeLessThan(order.indexOf('number'));
  await page.getByTestId('views-menu').click();
  await page.getByTestId('view-save-as').click();
  await page.getByTestId('view-name-input').fill('Client first');
  await page.getByTestId('view-save-confirm').click();
  await page.reload();
  await page.getByTestId('nav-interventions').click();
  await page.getByTestId('views-menu').click();
  await page.getByRole('menuitem', { name: 'Client first' }).click();
  await expect(page.getByTestId('col-locality')).toHaveCount(0);
  await expect.poll(() => headerOrder(page)).toEqual(order);
});

test('a column moved with the mouse lands where it is dropped', async ({ page }) => {
  await openGrid(page);
  const before = await headerOrder(page);
  // Pointer path in small steps, each one waited for: the drag sees every move, however busy the machine.
  const from = (await page.getByTestId('col-client').boundingBox())!;
  const to = (await page.getByTestId('col-number').boundingBox())!;
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 - 10, from.y + from.height / 2, { steps: 5 });
  await page.mouse.move(to.x + to.width / 4, to.y + to.height / 2, { steps: 20 });
  await expect(page.getByTestId('col-client')).toHaveAttribute('data-dragging', 'true');
  await page.mouse.up();
  await expect.poll(() => headerOrder(page)).toEqual(moved(before, 'client', before.indexOf('number')));
  // Back as it was, so the next tests see the default columns.
  await page.getByTestId('columns-menu').click();
  await page.getByTestId('columns-reset').click();
  await page.keyboard.press('Escape');
  await expect.poll(() => headerOrder(page)).toEqual(before);
});

test('a pinned column stays at the left when the grid scrolls sideways (rows are drawn contained)', async ({ page }) => {
  await openGrid(page);
  await page.getByTestId('columns-menu').click();
  await page.getByTestId('col-pin-client').click();
  await page.keyboard.press('Escape');
  const box = (await grid(page).boundingBox())!;
  const wide = await grid(page).evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(wide, 'the default columns are wider than the window').toBeGreaterThan(100);
  await grid(page).evaluate((el) => {
    el.scrollLeft = el.scrollWidth;
  });
  const cell = rows(page).first().locator('[data-col="client"]');
  await expect.poll(async () => Math.round((await cell.boundingBox())!.x - box.x)).toBeLessThanOrEqual(2);
  await expect(cell).not.toBeEmpty();
  await page.screenshot({ path: 'test-results/grid-pinned-scrolled.png' });
  await grid(page).evaluate((el) => {
    el.scrollLeft = 0;
  });
  await page.getByTestId('columns-menu').click();
  await page.getByTestId('columns-reset').click();
  await page.keyboard.press('Escape');
});

test('quick search finds a client with and without diacritics', async ({ page }) => {
  await openGrid(page);
  const clients = await api<{ name: string }[]>(page, 'clients.list', { query: 'Ș', limit: 5 });
  const name = clients[0]?.name ?? 'Ștefan';
  const word = name.split(' ')[0]!;
  const plain = word.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  await page.getByTestId('search').fill(word);
  await expect(page.getByTestId('chip-search')).toBeVisible();
  const withMarks = Number(await page.getByTestId('result-count').getAttribute('data-count'));
  await page.getByTestId('search').fill(plain);
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(withMarks));
  expect(withMarks).toBeGreaterThan(0);
  await page.keyboard.press('Control+f');
  await expect(page.getByTestId('search')).toBeFocused();
});

test('export a filtered view: the file has every row of the view', async ({ page }) => {
  await openGrid(page);
  await page.getByTestId('filter-status').click();
  await page.getByRole('option', { name: 'Cancelled' }).click();
  await page.keyboard.press('Escape');
  const count = Number(await page.getByTestId('result-count').getAttribute('data-count'));
  expect(count).toBeGreaterThan(0);
  const csvDownload = page.waitForEvent('download');
  await page.getByTestId('tb-export-csv').click();
  const csv = await csvDownload;
  const lines = readFileSync((await csv.path()), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  expect(lines.length - 1).toBe(count);
  expect(lines.slice(1).every((l) => l.includes('Cancelled'))).toBe(true);
  const xlsxDownload = page.waitForEvent('download');
  await page.getByTestId('tb-export-xlsx').click();
  const xlsx = await xlsxDownload;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile((await xlsx.path()));
  expect(wb.worksheets[0]!.rowCount - 1).toBe(count);
});

test('a user without the right to change cannot delete: main says so', async ({ page }) => {
  await openGrid(page, 'auditor');
  // Only drafts may be deleted at all; sorted by number, drafts (no number yet) come first.
  await page.locator('[data-col-header="number"]').click();
  const first = rows(page).first();
  await expect(first).toHaveAttribute('data-row-id', /.+/);
  const [draft] = (await api<{ rows: { id: string; valid: number }[] }>(page, 'interventions.grid.rows', { view: { sort: [{ column: 'number', desc: false }] }, path: [], position: 0, limit: 1 })).rows;
  expect(draft!.valid).toBe(0);
  await page.locator(`[data-testid="grid-row"][data-row-id="${draft!.id}"]`).click();
  await page.getByTestId('tb-delete').click();
  await page.getByRole('button', { name: 'Delete' }).last().click();
  await expect(page.getByText('You have no right to change interventions.')).toBeVisible();
});

test('a closed (or numbered) intervention is not deleted: the window says to cancel it instead', async ({ page }) => {
  await openGrid(page, 'operator');
  // Its own row: a draft, cancelled, found by its unique object (never whatever the first page shows).
  const object = `Cancelled draft ${Date.now()}`;
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  const draft = await api<{ id: string; version: number }>(page, 'interventions.create', { docDate: TEST_DAY, clientId: client!.id, objectText: object, validate: false });
  await api(page, 'interventions.cancel', { id: draft.id, version: draft.version, reason: 'Caller withdrew the request' });
  await page.getByTestId('search').fill(object);
  const row = page.locator(`[data-testid="grid-row"][data-row-id="${draft.id}"]`);
  await expect(row).toContainText('Cancelled');
  await row.click();
  await page.getByTestId('tb-delete').click();
  await expect(page.getByText('Only a draft can be deleted.')).toBeVisible();
  await expect(page.getByTestId('delete-confirm')).toHaveCount(0);
});

test.describe('on a database of 1,000,000 interventions', () => {
  test.use({ baseURL: `http://127.0.0.1:${bigPort}` });
  test.skip(!!process.env.CC_E2E_NO_BIG, 'CC_E2E_NO_BIG=1: the 1M host is not started');
  test.beforeAll(async () => {
    // Made in the background while the first specs ran (support/big-host.ts); usually ready by now.
    test.setTimeout(420_000);
    await waitForBigHost(400_000);
  });
  test('scrolls to the very last row and shows the right one', async ({ page }) => {
    test.setTimeout(120_000);
    await openGrid(page);
    await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '1000000');
    const last = await api<{ rows: { id: string; number: number | null }[] }>(page, 'interventions.grid.rows', {
      view: { filters: {}, sort: [], groupBy: [], tzOffsetMinutes: 0 },
      path: [],
      position: 999_999,
      limit: 1,
    });
    await grid(page).click();
    await page.keyboard.press('End');
    const lastRow = page.locator(`[data-testid="grid-row"][data-position="999999"]`);
    await expect(lastRow).toBeVisible({ timeout: 30_000 });
    await expect(lastRow).toHaveAttribute('data-row-id', last.rows[0]!.id);
    await page.screenshot({ path: 'test-results/grid-last-row.png' });
  });
});

test('quick report: a printable preview of the filtered view, saved as PDF', async ({ page, context }) => {
  await openGrid(page);
  await page.getByTestId('filter-status').click();
  await page.getByRole('option', { name: 'Cancelled' }).click();
  await page.keyboard.press('Escape');
  const count = await page.getByTestId('result-count').getAttribute('data-count');
  const opened = context.waitForEvent('page');
  await page.getByTestId('tb-report').click();
  const report = await opened;
  await expect(report.getByTestId('quick-report')).toBeVisible();
  await expect(report.getByTestId('report-total')).toHaveAttribute('data-count', count!);
  const shown = await report.getByTestId('report-row').count();
  expect(shown).toBe(Math.min(Number(count), 2000));
  await expect(report.getByTestId('chip-status')).toContainText('Cancelled');
  const pdf = await report.pdf({ format: 'A4', landscape: true, path: 'test-results/quick-report.pdf' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(5000);
});

test('a broken quick-report link says so plainly', async ({ page }) => {
  await logIn(page, 'admin', 'demo');
  await page.goto('/?report=interventions&view=%7Bnot-json');
  await expect(page.getByTestId('report-error')).toBeVisible();
});

test('live: a delete in another window updates this one without losing the selection', async ({ page, browser }) => {
  await openGrid(page);
  const before = Number(await page.getByTestId('result-count').getAttribute('data-count'));
  // Select the third row here; another operator makes a draft there and deletes it.
  const third = rows(page).nth(2);
  const selectedId = await third.getAttribute('data-row-id');
  await third.click();
  // Only a draft may be deleted (a numbered one is cancelled): the other operator makes one first.
  const other = await browser.newContext();
  const there = await other.newPage();
  await openGrid(there, 'operator');
  const [client] = await api<{ id: string }[]>(there, 'clients.list', { limit: 1 });
  const draft = await api<{ id: string }>(there, 'interventions.create', {
    docDate: TEST_DAY,
    clientId: client!.id,
    priority: 2,
    objectKind: 'text',
    objectText: `Draft to delete ${Date.now()}`,
    validate: false,
  });
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(before + 1));
  const deletedId = draft.id;
  const firstThere = there.locator(`[data-testid="grid-row"][data-row-id="${deletedId}"]`);
  await expect(firstThere).toBeVisible();
  expect(deletedId).not.toBe(selectedId);
  await firstThere.click();
  await there.getByTestId('tb-delete').click();
  // A draft has no number yet: the question says so (not "intervention INT of …").
  await expect(there.getByTestId('delete-dialog')).toContainText('Delete intervention (no number) of');
  await there.getByTestId('delete-confirm').click();
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', String(before));
  await expect(page.locator(`[data-testid="grid-row"][data-row-id="${deletedId}"]`)).toHaveCount(0);
  await expect(page.locator(`[data-testid="grid-row"][data-row-id="${selectedId}"]`)).toHaveAttribute('aria-selected', 'true');
  await other.close();
});

test('live: a row another window takes out of the view is marked a moment, then goes; the count follows', async ({ page, browser }) => {
  await openGrid(page);
  await page.getByTestId('filter-priority').click();
  await page.getByTestId('filter-priority-option-3').click();
  await page.keyboard.press('Escape');
  const count = page.getByTestId('result-count');
  await expect(rows(page).first()).toBeVisible();
  const before = Number(await count.getAttribute('data-count'));
  const leavingId = (await rows(page).nth(2).getAttribute('data-row-id'))!;
  const leaving = page.locator(`[data-testid="grid-row"][data-row-id="${leavingId}"]`);

  // Another operator lowers its priority: it no longer belongs to this view of high priorities.
  const other = await browser.newContext();
  const there = await other.newPage();
  await logIn(there, 'operator', 'demo');
  const detail = await api<{ version: number }>(there, 'interventions.get', { id: leavingId });
  await api(there, 'interventions.update', { id: leavingId, version: detail.version, patch: { priority: 1 } });

  await expect(leaving).toHaveAttribute('data-leaving', 'true');
  await page.screenshot({ path: 'test-results/grid-row-leaving.png' });
  await expect(leaving).toHaveCount(0);
  await expect(count).toHaveAttribute('data-count', String(before - 1));
  await other.close();
});

test('live: an edit in another window shows in place, with this window\'s scroll and selection kept', async ({ page, browser }) => {
  await openGrid(page);
  // Away from the top, so "in place" means something: ten rows down.
  await page.locator('.ivg-grid').evaluate((el) => (el.scrollTop = 280));
  await expect.poll(() => page.locator('.ivg-grid').evaluate((el) => el.scrollTop)).toBe(280);
  const visible = page.locator('[data-testid="grid-row"]');
  const ids = async () => Promise.all((await visible.all()).slice(0, 20).map((r) => r.getAttribute('data-row-id')));
  const order = await ids();
  const selected = page.locator(`[data-testid="grid-row"][data-row-id="${order[12]}"]`);
  await selected.click();
  await expect(selected).toHaveAttribute('aria-selected', 'true');
  const targetId = order[14]!;
  const target = page.locator(`[data-testid="grid-row"][data-row-id="${targetId}"]`);
  const priorityBefore = await target.locator('[data-col="priority"]').textContent();

  // Another operator raises that intervention's priority (a column the order does not use).
  const other = await browser.newContext();
  const there = await other.newPage();
  await logIn(there, 'operator', 'demo');
  const detail = await api<{ version: number; priority: number }>(there, 'interventions.get', { id: targetId });
  await api(there, 'interventions.update', { id: targetId, version: detail.version, patch: { priority: detail.priority === 3 ? 1 : 3 } });

  await expect(target.locator('[data-col="priority"]')).not.toHaveText(priorityBefore ?? '');
  expect(await ids()).toEqual(order);
  await expect(selected).toHaveAttribute('aria-selected', 'true');
  expect(await page.locator('.ivg-grid').evaluate((el) => el.scrollTop)).toBe(280);
  await other.close();
});
