import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { logIn } from './support/login';
import { TEST_DAY } from './support/clock';

/*
 * Administration end to end: what an administrator sets here is what main enforces for everyone
 * else. Screenshots for people to look at only when asked for (ADMIN_SHOTS=/some/dir).
 */

async function shot(page: Page, name: string) {
  const dir = process.env.ADMIN_SHOTS;
  if (dir) await page.screenshot({ path: `${dir}/${name}.png` });
}

async function openAdmin(page: Page, tab: 'series' | 'periods' | 'personnel' | 'users' | 'settings') {
  await page.getByTestId('nav-admin').click();
  await page.getByTestId(`admin-tab-${tab}`).click();
}

/** Sets one module's right in the user editor's matrix. */
async function setRight(page: Page, module: string, level: 'None' | 'Read' | 'Write') {
  await page.getByTestId(`user-right-${module}-control`).getByText(level, { exact: true }).click();
  await expect(page.getByTestId(`user-right-${module}`)).toHaveAttribute('data-level', level.toLowerCase());
}

test('an administrator makes a series and a user with custom rights; main enforces them', async ({ page, browser }) => {
  const stamp = Date.now().toString(36).toUpperCase();
  await logIn(page, 'admin');
  await openAdmin(page, 'series');
  await expect(page.getByTestId('series-row').first()).toBeVisible();
  await shot(page, '01-series');

  // A short series: the editor warns that few numbers are left.
  await page.getByTestId('series-list').focus();
  await page.keyboard.press('Insert');
  await page.getByTestId('series-prefix').fill(`E2E-${stamp}`);
  await page.getByTestId('series-end').fill('20');
  await expect(page.getByTestId('series-few')).toBeVisible();
  await page.keyboard.press('Control+s');
  const row = page.getByTestId('series-row').filter({ hasText: `E2E-${stamp}` });
  await expect(row).toBeVisible();
  await expect(row).toContainText('Few left');
  await shot(page, '02-series-saved');

  // Going back below a given number is refused: the form says so under the field, and main
  // refuses it too when the page is bypassed.
  const int = (await api<{ id: string; version: number; prefix: string; endNumber: number }[]>(page, 'admin.series.list', {})).find((x) => x.prefix === 'INT')!;
  await expect(api(page, 'admin.series.update', { id: int.id, version: int.version, prefix: 'INT', nextNumber: 1, endNumber: int.endNumber, active: true })).rejects.toThrow(/never reused/);
  const INT = page.getByTestId('series-row').filter({ has: page.getByRole('cell', { name: 'INT', exact: true }) });
  await INT.dblclick();
  await page.getByTestId('series-next').fill('1');
  await page.getByTestId('series-editor-save').click();
  await expect(page.getByTestId('series-editor')).toContainText('already given');
  await shot(page, '03-series-refused');
  await page.keyboard.press('Escape');
  await page.getByTestId('series-editor-confirm-yes').click();

  // A user who may work on interventions and only read clients.
  await openAdmin(page, 'users');
  await expect(page.getByTestId('user-row').first()).toBeVisible();
  await page.getByTestId('user-add').click();
  const login = `e2e${stamp.toLowerCase()}`;
  await page.getByTestId('user-login').fill(login);
  await page.getByTestId('user-displayName').fill('E2E <b>Reader</b>');
  await page.getByTestId('user-password').fill('pass-e2e-123');
  await page.getByTestId('user-password2').fill('pass-e2e-123');
  await setRight(page, 'clients', 'Read');
  await setRight(page, 'calendar', 'None');
  await setRight(page, 'calls', 'None');
  await setRight(page, 'recordings', 'None');
  await setRight(page, 'reports', 'None');
  await shot(page, '04-user-new');
  await page.getByTestId('user-editor-save').click();
  const userRow = page.getByTestId('user-row').filter({ hasText: login });
  await expect(userRow).toBeVisible();
  await expect(userRow.getByTestId('user-custom-rights')).toBeVisible();
  await shot(page, '05-user-saved');

  // That user, in a browser of their own.
  const other = await browser.newContext();
  const them = await other.newPage();
  await logIn(them, login, 'pass-e2e-123');
  await expect(them.getByTestId('nav-interventions')).toBeVisible();
  await expect(them.getByTestId('nav-clients')).toBeVisible();
  for (const hidden of ['calendar', 'calls', 'recordings', 'reports', 'admin']) await expect(them.getByTestId(`nav-${hidden}`)).toHaveCount(0);
  // Reading clients works; writing is refused by main, whatever the page tries.
  expect((await api<unknown[]>(them, 'clients.list', { limit: 1 })).length).toBe(1);
  await expect(api(them, 'clients.create', { kind: 'company', name: 'Should not exist', country: 'RO' })).rejects.toThrow(/no right to change clients/);
  await expect(api(them, 'admin.users.list', {})).rejects.toThrow(/no right to see admin/);

  // The administrator gives write access to clients: it applies on the user's next call.
  const users = await api<{ id: string; version: number; login: string; displayName: string; role: string; language: string; personId: string | null; active: boolean; sessionLocked: boolean; rights: Record<string, string> }[]>(page, 'admin.users.list', {});
  const u = users.find((x) => x.login === login)!;
  const { lastSeenAt: _seen, personName: _person, ...fields } = u as typeof u & { lastSeenAt: unknown; personName: unknown };
  await api(page, 'admin.users.update', { ...fields, rights: { ...u.rights, clients: 'write' } });
  const made = await api<{ name: string }>(them, 'clients.create', { kind: 'company', name: `Now allowed ${stamp}`, country: 'RO' });
  expect(made.name).toBe(`Now allowed ${stamp}`);

  // Deactivating the user ends their session: their next call is refused.
  const fresh = (await api<typeof users>(page, 'admin.users.list', {})).find((x) => x.login === login)!;
  const { lastSeenAt: _s2, personName: _p2, ...fields2 } = fresh as typeof fresh & { lastSeenAt: unknown; personName: unknown };
  await api(page, 'admin.users.update', { ...fields2, active: false });
  // Their window is told at once (its session ended) and goes back to the login screen by itself.
  await expect(them.getByTestId('login-user')).toBeVisible();
  await shot(them, '05b-deactivated-user');
  const session = await them.evaluate(async () => ((await (await fetch('/auth/session')).json()) as { me: unknown }).me);
  expect(session).toBeNull();
  await other.close();
});

test('an operator does not see Administration, and main refuses its methods', async ({ page }) => {
  await logIn(page, 'operator');
  await expect(page.getByTestId('nav-interventions')).toBeVisible();
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  await expect(api(page, 'admin.series.list', {})).rejects.toThrow(/no right/);
  await expect(api(page, 'settings.update', { operationLogLevel: 'basic' })).rejects.toThrow(/no right/);
});

test('working periods, personnel and teams: field messages, and a look at each page', async ({ page }) => {
  await logIn(page, 'admin');
  await openAdmin(page, 'periods');
  await expect(page.getByTestId('period-row').first()).toBeVisible();
  // An overlapping period is refused with the other period named under the dates.
  await page.getByTestId('period-add').click();
  const year = Number(TEST_DAY.slice(0, 4));
  await page.getByTestId('period-start').fill(`${year}-06-01`);
  await page.getByTestId('period-end').fill(`${year + 1}-02-01`);
  await page.getByTestId('period-editor-save').click();
  await expect(page.getByTestId('period-editor')).toContainText(`Overlaps the period ${year}-01-01`);
  await shot(page, '06-periods-overlap');
  await page.getByTestId('period-start').fill(`${year + 5}-01-01`);
  await page.getByTestId('period-end').fill(`${year + 5}-12-31`);
  await page.getByTestId('period-editor-save').click();
  await expect(page.getByTestId('period-row').filter({ hasText: `${year + 5}` })).toHaveCount(1);
  // Closing the period that holds today asks first.
  await page.getByTestId('period-row').filter({ hasText: 'today' }).dblclick();
  await page.getByTestId('period-open').click();
  await page.getByTestId('period-editor-save').click();
  await expect(page.getByTestId('period-close-confirm')).toBeVisible();
  await shot(page, '07-periods-close-today');
  await page.getByTestId('period-close-no').click();
  await expect(page.getByTestId('period-close-confirm')).toHaveCount(0);

  await openAdmin(page, 'personnel');
  await expect(page.getByTestId('person-row').first()).toBeVisible();
  await page.getByTestId('person-add').click();
  await page.getByTestId('person-name').fill('<script>alert(1)</script> Test Person');
  await page.getByTestId('person-phone').fill('12');
  await page.getByTestId('person-email').fill('not-an-email');
  await page.getByTestId('person-editor-save').click();
  await expect(page.getByTestId('person-editor')).toContainText('Not a valid phone number.');
  await expect(page.getByTestId('person-editor')).toContainText('Not a valid e-mail address.');
  await shot(page, '08-person-errors');
  await page.getByTestId('person-phone').fill('0722 555 111');
  await page.getByTestId('person-email').fill('test.person@example.com');
  await page.getByTestId('person-technician').click();
  await page.keyboard.press('Control+s');
  const person = page.getByTestId('person-row').filter({ hasText: 'Test Person' });
  await expect(person).toContainText('<script>alert(1)</script> Test Person');
  await expect(person).toContainText('+40 722 555 111');
  await shot(page, '09-personnel');

  await page.getByTestId('personnel-view').getByText('Teams').click();
  await expect(page.getByTestId('team-row').first()).toBeVisible();
  await page.getByTestId('team-add').click();
  await page.getByTestId('team-name').fill('E2E team');
  await page.getByTestId('team-members').click();
  await page.getByTestId('team-members').fill('Test Person');
  await page.getByRole('option', { name: /Test Person/ }).click();
  await page.keyboard.press('Escape');
  await page.getByTestId('team-leader').click();
  await page.getByRole('option', { name: /Test Person/ }).click();
  await shot(page, '10-team-new');
  await page.getByTestId('team-editor-save').click();
  await expect(page.getByTestId('team-row').filter({ hasText: 'E2E team' })).toContainText('1 member');
  // The intervention form's lookups see the new team at once.
  const lookups = await api<{ teams: { name: string; memberIds: string[] }[] }>(page, 'interventions.lookups', {});
  expect(lookups.teams.find((x) => x.name === 'E2E team')?.memberIds).toHaveLength(1);
  await shot(page, '11-teams');

  await openAdmin(page, 'users');
  await page.getByTestId('user-row').filter({ has: page.getByRole('cell', { name: 'operator', exact: true }) }).dblclick();
  await expect(page.getByTestId('user-rights')).toBeVisible();
  await shot(page, '12-users');
});

test('with the detailed log level, an intervention’s History tab shows old and new values', async ({ page }) => {
  await logIn(page, 'admin');
  await openAdmin(page, 'settings');
  await expect(page.getByTestId('admin-settings')).toBeVisible();
  await page.getByTestId('settings-level-detailed').click();
  await shot(page, '13-settings');
  await page.getByTestId('settings-save').click();
  await expect.poll(async () => (await api<{ operationLogLevel: string }>(page, 'settings.get', {})).operationLogLevel).toBe('detailed');
  try {
    await page.getByTestId('nav-interventions').click();
    await expect(page.getByTestId('grid-row').first()).toBeVisible();
    const [client] = await api<{ name: string }[]>(page, 'clients.list', { limit: 1 });
    await page.getByTestId('grid').focus();
    await page.keyboard.press('Insert');
    await page.getByTestId('ivf-field-client').fill(client!.name.slice(0, 12));
    await page.getByRole('option', { name: client!.name }).first().click();
    await page.getByTestId('ivf-field-requestType').click();
    await page.getByRole('option').first().click();
    const before = `Audit before ${Date.now()}`;
    const after = `Audit after ${Date.now()}`;
    await page.getByTestId('ivf-field-object').fill(before);
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
    await page.getByTestId('ivf-field-object').fill(after);
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
    await page.getByTestId('ivf-tab-history').click();
    await expect(page.getByTestId('ivf-history')).toContainText(`${before} → ${after}`);
    await shot(page, '14-history-detailed');
  } finally {
    await api(page, 'settings.update', { operationLogLevel: 'advanced' });
  }
});
