import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { asUser, logIn, me } from './support/login';
import { TEST_DAY } from './support/clock';
import { plannedIntervention } from './support/interventions';

/*
 * What a new operator hit in the first hour with the form's workflow: finalize with answers
 * still pending, refusals that say their real reason, "Confirmed" recording the team's phone
 * confirmation, and an open form that follows what others do.
 */

type Detail = { id: string; version: number; status: string; technicians: { personId: string; name: string; answer: string }[] };

const answerOf = (page: Page, personId: string) => page.locator(`[data-testid="ivf-technician-answer"][data-person="${personId}"]`);

test('the open form follows a technician’s answer; finalize closes the answers still pending, after saying so', async ({ page, browser }) => {
  test.setTimeout(90_000);
  const technician = await asUser(browser, 'technician');
  const techId = (await me(technician)).personId!;
  await logIn(page, 'operator', 'demo');
  const iv = await plannedIntervention<Detail>(page, techId, `Finalize pending E2E ${Date.now()}`, { withColleague: true });
  const colleague = iv.technicians.find((x) => x.personId !== techId)!;
  await page.goto(`/?intervention=${iv.id}`);
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'allocated');
  await expect(answerOf(page, techId)).toHaveAttribute('data-answer', 'pending');

  // The technician accepts at their computer: the operator's open form shows it without reopening.
  await api(technician, 'interventions.answer', { id: iv.id, answer: 'accepted' });
  await expect(answerOf(page, techId)).toHaveAttribute('data-answer', 'accepted');

  // The operator's own save, then finalize: no "someone else changed it" after one's own save.
  await page.getByTestId('ivf-field-vehicle').fill('B-77-OPR');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  await page.getByTestId('ivf-finalize').click();
  await expect(page.getByTestId('ivf-reason-note')).toContainText(colleague.name);
  await expect(page.getByTestId('ivf-reason-note')).toContainText('not answered');
  await page.getByTestId('ivf-reason').fill('Done by the one who came.');
  await page.getByTestId('ivf-reason-confirm').click();
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'finalized');
  await expect(answerOf(page, colleague.personId)).toHaveAttribute('data-answer', 'not_answered');
  await expect(answerOf(page, techId)).toHaveAttribute('data-answer', 'accepted');
  // The history says it in words: the status from what to what, whose answers, no database names.
  await page.getByTestId('ivf-tab-history').click();
  const finalize = page.getByTestId('ivf-history-row').first();
  await expect(finalize.getByTestId('ivf-history-status')).toHaveText('Status: Allocated → Finalized');
  await expect(finalize).toContainText(`technician · ${colleague.name}`);
  await expect(finalize).toContainText('Answer: Pending → Not answered');
  await expect(page.getByTestId('ivf-history')).not.toContainText(/finalized_at|answered_at|_id\b/);
  await technician.context().close();
});

test('a refusal says its real reason: finalize needs the plan, and a rejection must be dealt with first', async ({ page, browser }) => {
  const technician = await asUser(browser, 'technician');
  const techId = (await me(technician)).personId!;
  await logIn(page, 'operator', 'demo');
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  const unplanned = await api<Detail>(page, 'interventions.create', { docDate: TEST_DAY, clientId: client!.id, objectText: `Unplanned E2E ${Date.now()}` });
  await page.goto(`/?intervention=${unplanned.id}`);
  await expect(page.getByTestId('ivf-finalize')).toBeDisabled();
  await page.getByTestId('ivf-finalize').hover({ force: true });
  await expect(page.getByRole('tooltip')).toContainText('Plan it before finalizing');

  const iv = await plannedIntervention<Detail>(page, techId, `Rejected E2E ${Date.now()}`, { withColleague: true });
  await api(technician, 'interventions.answer', { id: iv.id, answer: 'rejected', reason: 'Van in the garage' });
  await page.goto(`/?intervention=${iv.id}`);
  await page.getByTestId('ivf-finalize').click();
  await page.getByTestId('ivf-reason').fill('Tried anyway.');
  await page.getByTestId('ivf-reason-confirm').click();
  const dialog = page.getByTestId('ivf-reason-dialog');
  await expect(dialog).toContainText('rejected the assignment');
  await expect(dialog).not.toContainText('Someone else changed');
  // The resolution typed is kept for when the team is sorted out.
  await expect(page.getByTestId('ivf-reason')).toHaveValue('Tried anyway.');
  await technician.context().close();
});

test('"Confirmed" records the team’s confirmation taken by phone, and the status follows', async ({ page, browser }) => {
  const technician = await asUser(browser, 'technician');
  const techId = (await me(technician)).personId!;
  await technician.context().close();
  await logIn(page, 'operator', 'demo');
  const iv = await plannedIntervention<Detail>(page, techId, `Confirmed by phone E2E ${Date.now()}`, { withColleague: true });
  await page.goto(`/?intervention=${iv.id}`);
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'allocated');
  await page.getByTestId('ivf-field-confirmed').check();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'confirmed');
  await expect(page.getByTestId('ivf-field-confirmed')).toBeChecked();
  for (const x of iv.technicians) await expect(answerOf(page, x.personId)).toHaveAttribute('data-answer', 'accepted');
  const thread = await api<{ kind: string; body: string }[]>(page, 'interventions.messages.list', { id: iv.id });
  expect(thread.some((m) => m.kind === 'system' && m.body.includes("recorded the team's confirmation"))).toBe(true);
});

test('right after login Insert opens a new intervention; Alt+digit works while typing, never over unsaved changes; F1 lists this screen’s keys', async ({ page }) => {
  await logIn(page, 'operator', 'demo');
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
  // No click, no Tab: the grid has the focus when the window opens.
  await page.keyboard.press('Insert');
  await expect(page.getByTestId('ivf-form')).toBeVisible();
  await page.getByTestId('ivf-field-notes').fill('typed, not saved');
  await page.keyboard.press('Alt+3');
  await expect(page.getByText('The open form has unsaved changes')).toBeVisible();
  await expect(page.getByTestId('ivf-field-notes')).toHaveValue('typed, not saved');
  await page.keyboard.press('F1');
  const help = page.getByTestId('shortcuts-help');
  await expect(help.getByTestId('shortcuts-grid')).toContainText('New intervention');
  await expect(help.getByTestId('shortcuts-grid')).toContainText('Quick search');
  await expect(help.getByTestId('shortcuts-form')).toContainText('Save');
  await page.keyboard.press('Escape');
  await expect(help.getByTestId('shortcuts-grid')).toHaveCount(0);
  // Closed (the changes thrown away on purpose), Alt+3 switches, also from inside a field.
  await page.getByTestId('ivf-close').click();
  await page.getByTestId('ivf-discard-confirm').click();
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);
  await page.getByTestId('search').click();
  await page.keyboard.press('Alt+3');
  await expect(page).toHaveURL(/#\/?clients/);
});

test('dates are typed in the language’s order; the calendar fits the window, keeps the focus and Esc closes only it', async ({ page }) => {
  await page.setViewportSize({ width: 1600, height: 900 });
  await logIn(page, 'operator', 'demo');
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  const iv = await api<Detail>(page, 'interventions.create', { docDate: TEST_DAY, clientId: client!.id, objectText: `Typed dates E2E ${Date.now()}` });
  await api(page, 'session.setLanguage', { language: 'ro' });
  try {
    await page.goto(`/?intervention=${iv.id}`);
    const start = page.getByTestId('ivf-field-plannedStart');
    const end = page.getByTestId('ivf-field-plannedEnd');
    // 0930 was read as 00:30, and a day could not be typed at all.
    await start.fill('05.12.2026 0930');
    await end.fill('0512 1445');
    await page.keyboard.press('Tab');
    await expect(start).toHaveValue('05.12.2026 09:30');
    await expect(end).toHaveValue('05.12.2026 14:45');
    await expect(page.locator('[data-dates-dropdown]')).toHaveCount(0);

    // The calendar of a six-row month fits the window, under or over the field.
    for (const field of [start, end]) {
      await field.click();
      const dropdown = page.locator('[data-dates-dropdown]');
      await expect(dropdown).toBeVisible();
      const box = (await dropdown.boundingBox())!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(900);
      expect(await page.locator('.mantine-DateInput-month tbody tr').count()).toBe(6);
      // Esc closes the calendar and nothing else; the field keeps the focus.
      await page.keyboard.press('Escape');
      await expect(dropdown).toHaveCount(0);
      await expect(page.getByTestId('ivf-form')).toBeVisible();
      await expect(field).toBeFocused();
    }

    // A day clicked in the calendar keeps the time, and the focus stays in the field: Ctrl+S saves.
    await end.click();
    await page.locator('.mantine-DateInput-day:not([data-outside])', { hasText: /^6$/ }).click();
    await expect(page.locator('[data-dates-dropdown]')).toHaveCount(0);
    await expect(end).toBeFocused();
    await expect(end).toHaveValue('06.12.2026 14:45');
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
    const saved = await api<{ plannedStart: number; plannedEnd: number }>(page, 'interventions.get', { id: iv.id });
    const local = await page.evaluate(() => [new Date(2026, 11, 5, 9, 30).getTime(), new Date(2026, 11, 6, 14, 45).getTime()]);
    expect([saved.plannedStart, saved.plannedEnd]).toEqual(local);

    // Not a real moment: the field goes back to what it held; nothing is saved.
    await start.fill('31.02.2026 0930');
    await page.keyboard.press('Tab');
    await expect(start).toHaveValue('05.12.2026 09:30');
    await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  } finally {
    await api(page, 'session.setLanguage', { language: 'en' });
  }
});

test('the contact channel is on the form, and a grid column and filter', async ({ page }) => {
  await logIn(page, 'operator', 'demo');
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  const object = `Channel E2E ${Date.now()}`;
  const iv = await api<Detail>(page, 'interventions.create', { docDate: TEST_DAY, clientId: client!.id, objectText: object });
  await page.goto(`/?intervention=${iv.id}`);
  await expect(page.getByTestId('ivf-field-source')).toHaveValue('Phone');
  await page.getByTestId('ivf-field-source').click();
  await page.getByRole('option', { name: 'Walk-in' }).click();
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  expect((await api<{ source: string }>(page, 'interventions.get', { id: iv.id })).source).toBe('walk_in');

  await page.goto('/');
  await page.getByTestId('nav-interventions').click();
  await page.getByTestId('columns-menu').click();
  await page.getByTestId('col-toggle-source').click();
  await page.keyboard.press('Escape');
  await page.getByTestId('filter-source').click();
  await page.getByRole('option', { name: 'Walk-in' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('chip-source')).toContainText('Walk-in');
  await page.getByTestId('search').fill(object);
  const row = page.locator(`[data-testid="grid-row"][data-row-id="${iv.id}"]`);
  await expect(row.locator('[data-col="source"]')).toHaveText('Walk-in');
  const shown = await page.locator('[data-testid="grid-row"] [data-col="source"]').allTextContents();
  expect(shown.every((s) => s === 'Walk-in')).toBe(true);
});

test('a language switch renames the data on screen at once, without a reload: the request-type groups', async ({ page }) => {
  await logIn(page, 'admin', 'demo');
  type Type = { id: string; parentId: string | null; names: Record<string, string> };
  const types = await api<Type[]>(page, 'admin.requestTypes.list', {});
  try {
    await page.getByTestId('nav-interventions').click();
    await page.getByTestId('group-by').click();
    await page.getByRole('option', { name: 'Classification 1' }).click();
    await page.keyboard.press('Escape');
    const group = page.locator('[data-testid="group-row"][data-level="0"]').filter({ hasNot: page.locator('[data-group-key=""]') }).first();
    await expect(group).toBeVisible();
    const key = (await group.getAttribute('data-group-key'))!;
    const type = types.find((x) => x.id === key)!;
    expect(type.names.en).not.toBe(type.names.ro);
    await expect(group).toHaveAttribute('data-group-label', type.names.en!);

    await page.getByTestId('user-menu').click();
    await page.getByTestId('lang-ro').click();
    // No reload: the group is named in Romanian as soon as the screen speaks it.
    await expect(page.locator(`[data-testid="group-row"][data-group-key="${key}"]`)).toHaveAttribute('data-group-label', type.names.ro!);
  } finally {
    await api(page, 'session.setLanguage', { language: 'en' });
  }
});

test('unread messages: a badge per row for each user, a view of them, cleared when the thread is opened', async ({ page, browser }) => {
  test.setTimeout(90_000);
  await logIn(page, 'operator', 'demo');
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  const object = `Unread E2E ${Date.now()}`;
  const iv = await api<Detail>(page, 'interventions.create', { docDate: TEST_DAY, clientId: client!.id, objectText: object });
  await api(page, 'interventions.messages.add', { id: iv.id, body: 'The client called again.' });

  const technician = await asUser(browser, 'technician');
  await technician.getByTestId('nav-interventions').click();
  await technician.getByTestId('views-menu').click();
  await technician.getByTestId('view-builtin-unread').click();
  const row = technician.locator(`[data-testid="grid-row"][data-row-id="${iv.id}"]`);
  await expect(row.getByTestId('row-unread')).toHaveText('1');
  await expect(technician.getByTestId('chip-unread')).toBeVisible();
  // The operator's own message is not unread for them.
  await page.getByTestId('nav-interventions').click();
  await page.getByTestId('search').fill(object);
  await expect(page.locator(`[data-testid="grid-row"][data-row-id="${iv.id}"]`)).toBeVisible();
  await expect(page.locator(`[data-testid="grid-row"][data-row-id="${iv.id}"]`).getByTestId('row-unread')).toHaveCount(0);

  // Opened and read: the badge goes, and the row leaves the "unread" view.
  await row.dblclick();
  await technician.getByTestId('ivf-tab-messages').click();
  await expect(technician.getByTestId('ivf-message')).toContainText('The client called again.');
  await technician.keyboard.press('Escape');
  await expect(technician.getByTestId('ivf-form')).toHaveCount(0);
  await expect(row).toHaveCount(0);

  // A new message: back in the view, live.
  await api(page, 'interventions.messages.add', { id: iv.id, body: 'And once more.' });
  await expect(row.getByTestId('row-unread')).toHaveText('1');
  await technician.context().close();
});

test('favourites: the star pins the view to My page, which can be the first screen and opens the view', async ({ page }) => {
  await logIn(page, 'supervisor', 'demo');
  try {
    await page.getByTestId('nav-interventions').click();
    await page.getByTestId('views-menu').click();
    await page.getByTestId('view-builtin-unread').click();
    await page.getByTestId('tb-favourite').click();
    await expect(page.getByTestId('tb-favourite')).toHaveAttribute('aria-pressed', 'true');

    await page.keyboard.press('Alt+0');
    await expect(page.getByTestId('home')).toBeVisible();
    const pinned = page.locator('[data-testid="home-favourite"][data-view="builtin:unread"]');
    await expect(pinned).toContainText('With unread messages');
    await expect(pinned).toContainText('Interventions');
    // Checked once main has kept it (the box shows the user's saved choice).
    await page.getByTestId('home-start-here').click();
    await expect(page.getByTestId('home-start-here')).toBeChecked();

    // Next login: My page first; the favourite opens its view.
    await page.reload();
    await page.goto('/');
    await expect(page.getByTestId('home')).toBeVisible();
    await pinned.getByTestId('home-open').click();
    await expect(page.getByTestId('view-name')).toHaveText('With unread messages');
    await expect(page.getByTestId('chip-unread')).toBeVisible();
  } finally {
    const me = await api<{ favourites: { module: string; view: string | null }[] }>(page, 'session.me', {});
    for (const f of me.favourites) await api(page, 'session.toggleFavourite', f);
    await api(page, 'session.setStartPage', { startPage: 'module' });
  }
});
