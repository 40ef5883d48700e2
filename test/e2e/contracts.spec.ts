/// <reference lib="dom" />
import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { logIn } from './support/login';

/*
 * Service contracts in a browser, by keyboard: written in the Calendar module (F6), the visit due
 * within its lead days made at once as an intervention (on the calendar, opened as a form), the
 * next ones previewed as outlines, paused by key (the preview goes), shown on the client card,
 * and the screens in the four languages with nothing cut off. The host's clock is pinned at
 * 2026-11-16 (a Monday): monthly on the 20th with 7 days ahead makes 20 November at once.
 */

interface Contract {
  id: string;
  version: number;
  name: string;
  generated: number;
  active: boolean;
}

const LANGUAGES = ['en', 'ro', 'pt-BR', 'ca'] as const;

function cutOff(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    return [...document.querySelectorAll<HTMLElement>(sel)].filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent ?? '');
  }, selector);
}

async function pickOption(page: Page, testId: string, name: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.getByRole('option', { name, exact: true }).click();
}

test('a contract written by keyboard makes its due visit at once, previews the next, pauses by key, shows on the client card', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await logIn(page, 'operator');
  const [client] = await api<{ id: string; name: string }[]>(page, 'clients.list', { query: 'a', limit: 1 });
  await page.keyboard.press('Alt+2');
  await expect(page.getByTestId('calendar-window')).toBeVisible();
  await page.keyboard.press('F6');
  await expect(page.getByTestId('contracts-page')).toBeVisible();
  await expect(page.getByTestId('contracts-list')).toBeFocused();

  // Insert: a new contract; its visits are "Scheduled service" unless another type is chosen.
  await page.keyboard.press('Insert');
  const form = page.getByTestId('contract-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('contract-name')).toBeFocused();
  await page.keyboard.type('Boiler service E2E');
  await page.getByTestId('contract-client').fill(client!.name);
  await page.getByRole('option', { name: client!.name, exact: true }).first().click();
  await expect(page.getByTestId('contract-request-type')).toHaveValue(/Scheduled service/);
  await pickOption(page, 'contract-day', '20');
  // Main computes the next visits as the schedule is typed.
  await expect(page.getByTestId('contract-preview')).toContainText('20 Nov 2026');
  await expect(page.getByTestId('contract-preview')).toContainText('20 Dec 2026');
  await page.screenshot({ path: 'test-results/contracts/form.png' });
  await page.keyboard.press('Control+s');
  await expect(form).toHaveCount(0);

  // Listed, with its next visit made already (7 days ahead covers the 20th).
  const row = page.getByTestId('contract-row').filter({ hasText: 'Boiler service E2E' });
  await expect(row).toContainText('Monthly, on day 20');
  await expect(row.getByTestId('contract-next')).toContainText('20 Nov 2026');
  await expect(row.getByTestId('contract-next')).toContainText('made');
  await expect(row.getByTestId('contract-made')).toHaveText('1');
  await page.screenshot({ path: 'test-results/contracts/list.png' });
  const contract = (await api<Contract[]>(page, 'contracts.list', {})).find((c) => c.name === 'Boiler service E2E')!;

  // On the calendar: the intervention on Friday the 20th at 09:00, opened as the form, of its contract's type.
  await page.keyboard.press('F6');
  await expect(page.getByTestId('scheduling-window')).toHaveAttribute('data-page', 'calendar');
  const made = page.getByTestId('calendar-event').filter({ hasText: client!.name }).filter({ hasText: 'Boiler service E2E' });
  await expect(made).toBeVisible();
  await made.click();
  await expect(page.getByTestId('ivf-form')).toBeVisible();
  await expect(page.getByTestId('ivf-field-requestType')).toHaveValue(/Scheduled service/);
  await expect(page.getByTestId('ivf-field-contract')).toHaveValue('Boiler service E2E, visit of 20 Nov 2026');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);

  // December: the 20th is an outline, not made yet (made on the 13th).
  await page.getByTestId('calendar-body').focus();
  await page.keyboard.press('m');
  await page.keyboard.press('PageDown');
  const preview = page.locator('[data-testid="calendar-preview"][data-day="2026-12-20"]');
  await expect(preview).toBeVisible();
  await expect(preview).toHaveAttribute('title', /13 Dec 2026/);
  await page.screenshot({ path: 'test-results/contracts/calendar-preview.png' });

  // P pauses it: the preview goes (no visit is made while paused).
  await page.keyboard.press('F6');
  await expect(page.getByTestId('contracts-list')).toBeFocused();
  const index = await row.getAttribute('data-index');
  for (let i = 0; i < Number(index); i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('p');
  await expect(row.getByTestId('contract-state')).toHaveAttribute('data-active', 'false');
  await page.keyboard.press('F6');
  await expect(preview).toHaveCount(0);

  // The client card lists it.
  await page.keyboard.press('Alt+3');
  await page.getByTestId('client-search').fill(client!.name);
  await page.getByTestId('client-row').filter({ hasText: client!.name }).first().dblclick();
  await expect(page.getByTestId('client-contracts').getByTestId('client-contract').filter({ hasText: 'Boiler service E2E' })).toBeVisible();
  expect((await api<Contract>(page, 'contracts.get', { id: contract.id })).active).toBe(false);
});

test('the contracts list and form in four languages: nothing cut off', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, 'operator');
  for (const language of LANGUAGES) {
    await api(page, 'session.setLanguage', { language });
    try {
      await page.reload();
      await page.getByTestId('nav-calendar').click();
      await expect(page.getByTestId('calendar-window')).toBeVisible();
      await page.keyboard.press('F6');
      await expect(page.getByTestId('contract-row').first()).toBeVisible();
      expect(await cutOff(page, '.sched-window .mantine-Tabs-tabLabel, .ctr-toolbar .mantine-Button-label, .ctr-list th'), 'tabs, buttons and headers').toEqual([]);
      await page.screenshot({ path: `test-results/contracts/${language}-list.png` });
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('contract-form')).toBeVisible();
      await expect(page.getByTestId('contract-preview')).not.toContainText('…');
      expect(await cutOff(page, '[data-testid="contract-form"] .mantine-InputWrapper-label, [data-testid="contract-form"] .mantine-SegmentedControl-label'), 'labels').toEqual([]);
      await page.screenshot({ path: `test-results/contracts/${language}-form.png` });
      await page.keyboard.press('Escape');
    } finally {
      await api(page, 'session.setLanguage', { language: 'en' });
    }
  }
});
