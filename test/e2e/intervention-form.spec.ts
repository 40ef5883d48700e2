import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { logIn } from './support/login';

/** Screenshots for people to look at, only when asked for (IVF_SHOTS=/some/dir). */
async function shot(page: Page, name: string) {
  const dir = process.env.IVF_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

async function openGrid(page: Page, login: string) {
  await logIn(page, login, 'demo');
  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
}

async function fillNew(page: Page, object: string) {
  const [client] = await api<{ name: string }[]>(page, 'clients.list', { limit: 1 });
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Insert');
  const form = page.getByTestId('ivf-form');
  await expect(form).toBeVisible();
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'taken');
  await page.getByTestId('ivf-field-client').fill(client!.name.slice(0, 12));
  await page.getByRole('option', { name: client!.name }).first().click();
  await expect(page.getByTestId('ivf-client-panel')).toContainText(client!.name);
  await page.getByTestId('ivf-field-requestType').click();
  await page.getByRole('option').first().click();
  await page.getByTestId('ivf-field-object').fill(object);
  return client!.name;
}

test('take an intervention: save, validate, reopen from the grid, add a note, see its history', async ({ page }) => {
  await openGrid(page, 'admin');
  const object = `Boiler E2E ${Date.now()}`;
  await fillNew(page, object);
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'true');
  await shot(page, '1-new-form');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'taken');
  await expect(page.getByTestId('ivf-number')).toHaveText(/\(no number\)/);

  await page.getByTestId('ivf-validate').click();
  await expect(page.getByTestId('ivf-number')).toHaveText(/\d+/);
  const number = ((await page.getByTestId('ivf-number').textContent()) ?? '').trim();
  await expect(page.getByTestId('ivf-validate')).toHaveCount(0);

  // Close; the grid found it by itself (data.changed), and Enter opens it again.
  await page.getByTestId('ivf-close').click();
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);
  await page.getByTestId('search').fill(object);
  await page.getByTestId('search').press('Enter');
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '1');
  await page.getByTestId('grid-row').first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ivf-field-object')).toHaveValue(object);
  await expect(page.getByTestId('ivf-number')).toHaveText(number);

  await page.getByTestId('ivf-tab-messages').click();
  await page.getByTestId('ivf-message-body').fill('Client called again, <b>urgent</b>');
  await page.getByTestId('ivf-message-add').click();
  await expect(page.getByTestId('ivf-message').last()).toContainText('Client called again, <b>urgent</b>');
  await shot(page, '2-messages');

  await page.getByTestId('ivf-tab-history').click();
  await expect(page.getByTestId('ivf-history-row').first()).toBeVisible();
  expect(await page.getByTestId('ivf-history-row').count()).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('ivf-history')).toContainText('Validated');
  await shot(page, '3-history');

  // Esc with unsaved changes asks first.
  await page.getByTestId('ivf-tab-details').click();
  await page.getByTestId('ivf-field-vehicle').fill('B-12-XYZ');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ivf-discard-dialog')).toBeVisible();
  await page.getByTestId('ivf-discard-confirm').click();
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);
});

test('the auditor reads an intervention but cannot change it: the form says so, and main refuses', async ({ page }) => {
  await openGrid(page, 'auditor');
  const first = page.getByTestId('grid-row').first();
  const id = await first.getAttribute('data-row-id');
  await first.click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ivf-readonly')).toContainText('no right to change interventions');
  await expect(page.getByTestId('ivf-save')).toHaveCount(0);
  await expect(page.getByTestId('ivf-field-object')).toHaveAttribute('readonly', '');
  await page.getByTestId('ivf-tab-messages').click();
  await expect(page.getByTestId('thread-readonly')).toBeVisible();
  await expect(page.getByTestId('ivf-message-body')).toHaveCount(0);
  // Whatever the page sends, main refuses: the rule is not only hidden in the UI.
  const detail = await api<{ version: number }>(page, 'interventions.get', { id });
  await expect(api(page, 'interventions.update', { id, version: detail.version, patch: { notes: 'auditor was here' } })).rejects.toThrow(/no right/);
  await expect(api(page, 'interventions.messages.add', { id, body: 'auditor was here' })).rejects.toThrow(/no right/);
});


test('plan an intervention: team, verifier, planned start/end and technicians make it allocated', async ({ page }) => {
  await openGrid(page, 'admin');
  type Lookups = { personnel: { id: string; name: string; technician: boolean }[]; teams: { id: string; name: string; memberIds: string[] }[] };
  const lookups = await api<Lookups>(page, 'interventions.lookups', {});
  const technicians = new Map(lookups.personnel.filter((p) => p.technician).map((p) => [p.id, p.name]));
  const team = lookups.teams.find((x) => x.memberIds.some((m) => technicians.has(m)));
  expect(team, 'a demo team with a technician').toBeTruthy();
  const teamTechs = team!.memberIds.filter((m) => technicians.has(m));

  await fillNew(page, `Plan E2E ${Date.now()}`);
  await page.getByTestId('ivf-field-verifier').click();
  await page.getByRole('option').first().click();
  await page.getByTestId('ivf-field-team').fill(team!.name);
  await page.getByRole('option', { name: team!.name, exact: true }).click();
  // Nobody was chosen yet: the team's technicians are proposed.
  const pills = page.locator('.mantine-MultiSelect-pill');
  await expect(pills).toHaveCount(teamTechs.length);
  await expect(pills.first()).toContainText(technicians.get(teamTechs[0]!)!);
  // Typed, as operators do: day first, the time with or without its colon.
  await page.getByTestId('ivf-field-plannedStart').fill('20/11/2026 0930');
  await page.getByTestId('ivf-field-plannedEnd').fill('20/11/2026 11:30');
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('ivf-field-plannedStart')).toHaveValue('20/11/2026 09:30');
  await shot(page, '4-planned');
  await page.getByTestId('ivf-save').click();
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'allocated');
  await expect(page.getByTestId('ivf-technician-answer')).toHaveCount(teamTechs.length);
  await expect(page.getByTestId('ivf-technician-answer').first()).toHaveAttribute('data-answer', 'pending');
  await shot(page, '5-allocated');
});

test('after saving a new intervention, Esc goes back to the grid with the new row selected', async ({ page }) => {
  await openGrid(page, 'operator');
  const before = page.getByTestId('grid-row').nth(2);
  await before.click();
  await expect(before).toHaveAttribute('data-selected', 'true');
  await fillNew(page, `Selected after save E2E ${Date.now()}`);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  const id = await page.getByTestId('ivf-form').getAttribute('data-id');
  expect(id).toBeTruthy();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);
  await expect(page.locator('[data-testid="grid-row"][data-selected]')).toHaveAttribute('data-row-id', id!);
  await expect(page.getByTestId('grid')).toBeFocused();
});

test('a request type typed freely is offered as a new one (with the right), under a chosen parent', async ({ page }) => {
  await openGrid(page, 'admin');
  type Type = { id: string; parentId: string | null; depth: number; names: Record<string, string> };
  const parent = (await api<Type[]>(page, 'admin.requestTypes.list', {})).find((x) => x.depth === 1)!;
  const name = `Heat pump noise ${Date.now()}`;
  await fillNew(page, `New type E2E ${Date.now()}`);
  await page.getByTestId('ivf-field-requestType').fill(name);
  // Only the offer matches what was typed: Enter takes it.
  await expect(page.getByRole('option')).toHaveCount(1);
  await expect(page.getByRole('option')).toContainText(`Add “${name}” as a new request type`);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('new-type-name')).toHaveValue(name);
  await page.getByTestId('new-type-parent').fill(parent.names.en!);
  await page.getByRole('option', { name: parent.names.en!, exact: true }).click();
  await page.getByTestId('new-type-add').click();
  await expect(page.getByTestId('new-type-name')).toHaveCount(0);
  await expect(page.getByTestId('ivf-field-requestType')).toHaveValue(`${parent.names.en} › ${name}`);
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  const id = await page.getByTestId('ivf-form').getAttribute('data-id');
  const saved = await api<{ requestTypePath: string[] }>(page, 'interventions.get', { id });
  expect(saved.requestTypePath).toEqual([parent.names.en, name]);
  const created = (await api<Type[]>(page, 'admin.requestTypes.list', {})).find((x) => x.names.en === name)!;
  expect(created.parentId).toBe(parent.id);
});

test('without the right on Administration, a name not in the list is not offered as a new type', async ({ page }) => {
  await openGrid(page, 'operator');
  await fillNew(page, `No new type E2E ${Date.now()}`);
  await page.getByTestId('ivf-field-requestType').fill('Certainly not a request type');
  await expect(page.getByRole('option')).toHaveCount(0);
});
