/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { logIn } from './support/login';
import { TEST_DAY } from './support/clock';

/*
 * Every language on the operator's screens at 1600x900: the known tight spots are measured (a
 * text wider than its box is cut off), and a screenshot of the grid, the form, its history and
 * the date calendar is kept per language under test-results/languages/ to be looked at.
 */

const LANGUAGES = ['en', 'ro', 'pt-BR', 'ca'] as const;

/** The texts among `selector` that do not fit their box (cut with an ellipsis, or clipped). */
function cutOff(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    return [...document.querySelectorAll<HTMLElement>(sel)].filter((e) => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1).map((e) => e.textContent ?? '');
  }, selector);
}

/** Whether an input's placeholder fits inside it. */
type Fit = { fits: boolean; text: string; need: number; room: number };
function placeholderFits(page: Page, testId: string): Promise<Fit> {
  return page.evaluate((id): Fit => {
    const input = document.querySelector<HTMLInputElement>(`[data-testid="${id}"]`)!;
    const cs = getComputedStyle(input);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
    const need = Math.ceil(ctx.measureText(input.placeholder).width);
    const room = input.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight);
    return { fits: need <= room, text: input.placeholder, need, room };
  }, testId);
}

for (const language of LANGUAGES) {
  test(`${language}: nothing cut off where texts are tight; screenshots of the grid, form, history and calendar`, async ({ page }) => {
    await page.setViewportSize({ width: 1600, height: 900 });
    await logIn(page, 'operator', 'demo');
    const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
    // One intervention of each status on screen, and a history with a few changes.
    const iv = await api<{ id: string; version: number }>(page, 'interventions.create', { docDate: TEST_DAY, clientId: client!.id, objectText: `Languages E2E ${language}` });
    await api(page, 'interventions.update', { id: iv.id, version: iv.version, patch: { priority: 3, notes: 'Call before coming.' } });
    await api(page, 'session.setLanguage', { language });
    try {
      await page.reload();
      await page.getByTestId('nav-interventions').click();
      await page.getByTestId('filter-status').click();
      for (const option of await page.getByRole('option').all()) await option.click();
      await page.keyboard.press('Escape');
      await expect(page.getByTestId('grid-row').first()).toBeVisible();
      await page.screenshot({ path: `test-results/languages/${language}-1-grid.png` });

      expect(await cutOff(page, '[data-testid^="nav-"] .mantine-NavLink-body, [data-testid^="nav-"] .mantine-NavLink-label'), 'module names in the sidebar').toEqual([]);
      expect(await cutOff(page, '.ivg-status'), 'statuses in the grid').toEqual([]);
      expect(await cutOff(page, '.ivg-toolbar button, .ivg-toolbar .mantine-Button-label'), 'toolbar buttons').toEqual([]);
      const search = await placeholderFits(page, 'search');
      expect(search.fits, `the search placeholder "${search.text}" needs ${search.need}px, has ${search.room}px`).toBe(true);

      await page.goto(`/?intervention=${iv.id}`);
      await expect(page.getByTestId('ivf-form')).toBeVisible();
      await page.screenshot({ path: `test-results/languages/${language}-2-form.png` });
      expect(await cutOff(page, '.mantine-Tabs-tabLabel, .ivf-root .mantine-Button-label, .ivf-root .mantine-InputWrapper-label'), 'form tabs, buttons and labels').toEqual([]);
      await page.getByTestId('ivf-field-plannedStart').click();
      await expect(page.locator('[data-dates-dropdown]')).toHaveCSS('opacity', '1');
      // The calendar opens on the hosts' today (November 2026), whatever the date of the run.
      await expect(page.locator('.mantine-DateInput-calendarHeaderLevel')).toContainText('2026');
      await page.screenshot({ path: `test-results/languages/${language}-3-calendar.png` });
      await page.keyboard.press('Escape');
      await page.getByTestId('ivf-tab-history').click();
      await expect(page.getByTestId('ivf-history-row').first()).toBeVisible();
      await page.screenshot({ path: `test-results/languages/${language}-4-history.png` });
    } finally {
      await api(page, 'session.setLanguage', { language: 'en' });
    }
  });
}
