import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { asUser, logIn, me } from './support/login';
import { TEST_DAY } from './support/clock';
import { plannedIntervention } from './support/interventions';

/*
 * An intervention's whole life through the UI, in Chromium: quick-add of a client and a contact
 * from the form, planning, the technician's answer (in a browser context of their own), the
 * operator's finalize with a resolution, reject, cancel, a stale-edit conflict, and a user
 * without rights refused by main. Screenshots land in .tmp/shots-form/ for people to look at.
 */

const SHOTS = process.env.FORM_SHOTS ?? '.tmp/shots-form';
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

type Lookups = {
  personnel: { id: string; name: string; technician: boolean; verifier: boolean }[];
  teams: { id: string; name: string; memberIds: string[] }[];
};
type Detail = {
  id: string;
  version: number;
  status: string;
  clientId: string;
  contactPersonId: string | null;
  vehicle: string | null;
  notes: string | null;
  resolution: string | null;
  cancelReason: string | null;
  technicians: { personId: string; answer: string; reason: string | null }[];
};


/** A valid Romanian CIF with a fresh base: check digit by the 753217532 key. */
function romanianCif(seed: number): string {
  const base = String(100000 + (seed % 8_999_999));
  const padded = base.padStart(9, '0');
  const key = '753217532';
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(padded[i]) * Number(key[i]);
  const check = ((sum * 10) % 11) % 10;
  return `${base}${check}`;
}

async function openGrid(page: Page, login: string) {
  await logIn(page, login, 'demo');
  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
}


/** A day clicked in the field's calendar: the calendar closes and the field keeps the focus. */
async function pickDay(page: Page, field: string, nth: number) {
  await page.getByTestId(field).click();
  await page.locator('.mantine-DateInput-day:not([data-outside]):not([disabled])').nth(nth).click();
  await expect(page.locator('.mantine-DateInput-day')).toHaveCount(0);
  await expect(page.getByTestId(field)).toBeFocused();
}

test('quick-add a client and a contact from the form, then taken → allocated → confirmed → finalized', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const technician = await asUser(browser, 'technician');
  const techMe = await me(technician);
  expect(techMe.personId, 'the demo technician is linked to a person').toBeTruthy();

  await openGrid(page, 'operator');
  const lookups = await api<Lookups>(page, 'interventions.lookups', {});
  const team = lookups.teams.find((x) => x.memberIds.includes(techMe.personId!));
  expect(team, 'the technician is on a team').toBeTruthy();
  const verifier = lookups.personnel.find((p) => p.verifier)!;

  await page.getByTestId('grid').focus();
  await page.keyboard.press('Insert');
  await expect(page.getByTestId('ivf-form')).toBeVisible();
  await expect(page.getByTestId('ivf-field-client')).toBeFocused();

  // A caller the database does not know: the search finds nobody, Enter adds them.
  const stamp = Date.now();
  const name = `Quick Client ${stamp}`;
  await page.getByTestId('ivf-field-client').fill(name);
  await expect(page.getByText('No client found. Press Enter to add it.')).toBeVisible();
  await page.getByTestId('ivf-field-client').press('Enter');
  const quick = page.getByTestId('quick-client');
  await expect(quick).toBeVisible();
  await expect(quick.getByTestId('client-field-name')).toHaveValue(name);

  // The same checks as the Clients module: the CIF's check digit, then the likely duplicate.
  const [existing] = await api<{ phone: string | null; name: string }[]>(page, 'clients.list', { query: 'a', limit: 20 }).then((l) => l.filter((c) => c.phone));
  await quick.getByTestId('client-field-fiscalCode').fill('14399841');
  await quick.getByTestId('client-field-phone').fill(existing!.phone!);
  await quick.getByTestId('client-field-locality').fill('Brașov');
  await quick.getByTestId('quick-client-save').click();
  await expect(quick.getByTestId('client-field-fiscalCode').locator('xpath=ancestor::div[contains(@class,"mantine-InputWrapper-root")]')).toContainText(
    'Not a valid Romanian CIF: check digit.',
  );
  await quick.getByTestId('client-field-fiscalCode').fill(romanianCif(stamp));
  await quick.getByTestId('quick-client-save').click();
  await expect(quick.getByTestId('client-duplicates')).toContainText(existing!.name);
  await shot(page, '02-quick-client-duplicate');
  await quick.getByTestId('client-save-anyway').click();
  await expect(quick).toHaveCount(0);
  await expect(page.getByTestId('ivf-client-panel')).toContainText(name);
  await expect(page.getByTestId('ivf-field-client')).toHaveValue(new RegExp(name));

  // A contact person for the new client, inline; it is chosen on the form.
  await page.getByTestId('ivf-new-contact').click();
  const contact = page.getByTestId('quick-contact');
  await expect(contact.getByTestId('contact-field-name')).toBeFocused();
  await contact.getByTestId('contact-field-name').fill('Ioana Marinescu');
  await contact.getByTestId('contact-field-jobFunction').fill('Facility manager');
  // The contact's role, as in the Clients module (seed 001).
  await contact.getByTestId('contact-field-role').fill('Decides on repairs');
  await contact.getByTestId('contact-field-phone').fill('0722 111 222');
  await contact.getByTestId('contact-field-email').fill('not-an-email');
  await contact.getByTestId('quick-contact-save').click();
  await expect(contact).toContainText('Not a valid e-mail address.');
  await contact.getByTestId('contact-field-email').fill('ioana.marinescu@example.ro');
  await contact.getByTestId('contact-field-preferredContact').click();
  await page.getByRole('option', { name: 'E-mail' }).click();
  await shot(page, '03-quick-contact');
  await contact.getByTestId('quick-contact-save').click();
  await expect(contact).toHaveCount(0);
  await expect(page.getByTestId('ivf-field-contactPerson')).toHaveValue(/Ioana Marinescu/);
  await expect(page.getByTestId('ivf-client-contacts')).toHaveText('1');

  // Plan it: the technician first (so the team proposes nobody else), then verifier, team, dates.
  await page.getByTestId('ivf-field-requestType').click();
  await page.getByRole('option').first().click();
  const object = `Lifecycle E2E ${stamp}`;
  await page.getByTestId('ivf-field-object').fill(object);
  await page.getByTestId('ivf-field-verifier').fill(verifier.name);
  await page.getByRole('option', { name: verifier.name }).first().click();
  await page.getByTestId('ivf-field-technicians').fill(techMe.displayName);
  await page.getByRole('option', { name: techMe.displayName }).first().click();
  await page.keyboard.press('Escape');
  await page.getByTestId('ivf-field-team').fill(team!.name);
  await page.getByRole('option', { name: team!.name, exact: true }).click();
  await expect(page.locator('.mantine-MultiSelect-pill')).toHaveCount(1);
  await pickDay(page, 'ivf-field-plannedStart', 20);
  await pickDay(page, 'ivf-field-plannedEnd', 21);
  await page.getByTestId('ivf-field-notes').fill('Gate code 1234. <script>alert(1)</script> stays text.');
  await shot(page, '01-new-form-filled');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'allocated');
  await page.getByTestId('ivf-validate').click();
  await expect(page.getByTestId('ivf-number')).toHaveText(/^INT-\d+$/);
  await expect(page.getByTestId('ivf-technician-answer')).toHaveAttribute('data-answer', 'pending');
  await shot(page, '04-allocated');
  const id = (await page.getByTestId('ivf-form').getAttribute('data-id'))!;
  expect(id).toBeTruthy();
  const saved = await api<Detail>(page, 'interventions.get', { id });
  const owner = await api<{ contacts: { id: string; role: string | null }[] }>(page, 'clients.get', { id: saved.clientId });
  expect(owner.contacts.find((c) => c.id === saved.contactPersonId)?.role).toBe('Decides on repairs');

  // The technician, at another computer, opens it in a window of its own and accepts.
  await technician.goto(`/?intervention=${id}`);
  await expect(technician.getByTestId('ivf-assigned')).toBeVisible();
  await expect(technician.getByTestId('ivf-assigned')).toContainText('You are assigned to this intervention');
  await shot(technician, '05-technician-banner');
  await technician.getByTestId('ivf-accept').click();
  await expect(technician.getByTestId('ivf-assigned')).toHaveCount(0);
  await expect(technician.locator(`[data-testid="ivf-technician-answer"][data-person="${techMe.personId}"]`)).toHaveAttribute('data-answer', 'accepted');
  await expect(technician.getByTestId('ivf-status')).toHaveAttribute('data-status', 'confirmed');

  // The operator opens it in its own window from the grid's form and finalizes it there.
  const popupPromise = page.context().waitForEvent('page');
  await page.getByTestId('ivf-open-window').click();
  const popup = await popupPromise;
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);
  await expect(popup.getByTestId('ivf-status')).toHaveAttribute('data-status', 'confirmed');
  expect(new URL(popup.url()).searchParams.get('intervention')).toBe(id);
  await popup.getByTestId('ivf-finalize').click();
  await popup.getByTestId('ivf-reason-confirm').click();
  await expect(popup.getByTestId('ivf-reason-dialog')).toContainText('Write the resolution.');
  await popup.getByTestId('ivf-reason').fill('Replaced the pressure valve; tested for 30 minutes.');
  await popup.getByTestId('ivf-reason-confirm').click();
  await expect(popup.getByTestId('ivf-status')).toHaveAttribute('data-status', 'finalized');
  await expect(popup.getByTestId('ivf-readonly')).toContainText('Replaced the pressure valve');
  await expect(popup.getByTestId('ivf-save')).toHaveCount(0);
  await expect(popup.getByTestId('ivf-finalize')).toHaveCount(0);
  await expect(popup.getByTestId('ivf-field-vehicle')).toHaveAttribute('readonly', '');
  await shot(popup, '06-finalized');

  // Main holds it read-only too, whatever a page sends.
  const fresh = await api<Detail>(page, 'interventions.get', { id });
  expect(fresh.resolution).toBe('Replaced the pressure valve; tested for 30 minutes.');
  await expect(api(page, 'interventions.update', { id, version: fresh.version, patch: { vehicle: 'B-99-XYZ' } })).rejects.toThrow(/read-only/);
  await technician.context().close();
});

test('a technician rejects with a reason: it goes back to taken and the operator sees why', async ({ page, browser }) => {
  await logIn(page, 'operator', 'demo');
  const technician = await asUser(browser, 'technician');
  const techMe = await me(technician);
  const iv = await plannedIntervention<Detail>(page, techMe.personId!, `Reject E2E ${Date.now()}`, { inDays: 1 });
  expect(iv.status).toBe('allocated');

  await technician.goto(`/?intervention=${iv.id}`);
  await technician.getByTestId('ivf-reject').click();
  await technician.getByTestId('ivf-reason-confirm').click();
  await expect(technician.getByTestId('ivf-reason-dialog')).toContainText('Write why you reject it.');
  await technician.getByTestId('ivf-reason').fill('I am on leave that day.');
  await shot(technician, '07-reject-dialog');
  await technician.getByTestId('ivf-reason-confirm').click();
  await expect(technician.getByTestId('ivf-status')).toHaveAttribute('data-status', 'taken');
  const badge = technician.locator(`[data-testid="ivf-technician-answer"][data-person="${techMe.personId}"]`);
  await expect(badge).toHaveAttribute('data-answer', 'rejected');
  await expect(badge).toContainText('I am on leave that day.');
  await expect(technician.getByTestId('ivf-assigned')).toHaveCount(0);

  // The operator who took it reads why, in the thread.
  await page.goto(`/?intervention=${iv.id}`);
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'taken');
  const messages = await api<{ kind: string; body: string }[]>(page, 'interventions.messages.list', { id: iv.id });
  expect(messages.some((m) => m.kind === 'system' && m.body.includes('I am on leave that day.'))).toBe(true);
  await technician.context().close();
});

test('the object as one of the client’s products, then cancel with a reason from the grid: read-only afterwards', async ({ page }) => {
  await openGrid(page, 'operator');
  const object = `Cancel E2E ${Date.now()}`;
  // A client with products installed, to take one of them as the object.
  const clients = await api<{ id: string }[]>(page, 'clients.list', { limit: 40 });
  let owner: { id: string; asset: { productName: string; serial: string | null; lot: string | null } } | null = null;
  for (const c of clients) {
    const assets = await api<{ productName: string; serial: string | null; lot: string | null }[]>(page, 'clients.assets', { clientId: c.id });
    if (assets.length > 0) {
      owner = { id: c.id, asset: assets[0]! };
      break;
    }
  }
  expect(owner, 'a demo client with installed products').toBeTruthy();
  await api(page, 'interventions.create', { docDate: TEST_DAY, clientId: owner!.id, objectText: object });
  await page.getByTestId('search').fill(object);
  await page.getByTestId('search').press('Enter');
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '1');
  await page.getByTestId('grid-row').first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ivf-field-object')).toHaveValue(object);

  await page.getByTestId('ivf-field-objectKind').getByText('Client’s product').click();
  await page.getByTestId('ivf-field-asset').click();
  await page.getByRole('option').first().click();
  const serialLot = [owner!.asset.serial, owner!.asset.lot].filter(Boolean).join(' / ');
  if (serialLot) await expect(page.getByText(`Serial / lot: ${serialLot}`)).toBeVisible();
  await page.getByTestId('ivf-save').click();
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  await shot(page, '09-object-asset');
  await page.getByTestId('ivf-cancel').click();
  await page.getByTestId('ivf-reason-confirm').click();
  await expect(page.getByTestId('ivf-reason-dialog')).toContainText('Write why it is cancelled.');
  await page.getByTestId('ivf-reason').fill('The client solved it alone.');
  await page.getByTestId('ivf-reason-confirm').click();
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('ivf-readonly')).toContainText('The client solved it alone.');
  await expect(page.getByTestId('ivf-save')).toHaveCount(0);
  await expect(page.getByTestId('ivf-cancel')).toHaveCount(0);
});

test('a stale edit: the second save shows both values per field, nothing is overwritten silently', async ({ page, browser }) => {
  await logIn(page, 'operator', 'demo');
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  const iv = await api<Detail>(page, 'interventions.create', { docDate: TEST_DAY, clientId: client!.id, objectText: `Conflict E2E ${Date.now()}` });
  const other = await asUser(browser, 'supervisor');
  await page.goto(`/?intervention=${iv.id}`);
  await other.goto(`/?intervention=${iv.id}`);
  await expect(page.getByTestId('ivf-field-vehicle')).toBeVisible();
  await expect(other.getByTestId('ivf-field-vehicle')).toBeVisible();

  // The operator is editing (the form has unsaved changes) when the other user saves.
  await page.getByTestId('ivf-field-estimate').fill('350 RON');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'true');
  await other.getByTestId('ivf-field-vehicle').fill('BV-01-AAA');
  await other.getByTestId('ivf-save').click();
  await expect(other.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  const theirVersion = (await api<Detail>(page, 'interventions.get', { id: iv.id })).version;
  // The open form learns of it (its thread and status follow) but keeps what is being typed.
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-version', String(theirVersion));
  await expect(page.getByTestId('ivf-field-estimate')).toHaveValue('350 RON');

  await page.getByTestId('ivf-field-vehicle').fill('BV-02-BBB');
  await page.getByTestId('ivf-save').click();
  const dialog = page.getByTestId('conflict-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('conflict-row-vehicle')).toContainText('BV-02-BBB');
  await expect(page.getByTestId('conflict-row-vehicle')).toContainText('BV-01-AAA');
  // Only the field both changed is asked about; the estimate was mine alone.
  await expect(page.getByTestId('conflict-row-estimate')).toHaveCount(0);
  // Let the dialog's opening transition finish before the picture.
  await page.waitForTimeout(400);
  await shot(page, '08-conflict');
  await page.getByTestId('conflict-pick-vehicle-theirs').click();
  await page.getByTestId('conflict-apply').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('ivf-field-vehicle')).toHaveValue('BV-01-AAA');
  const saved = await api<Detail & { estimate: string | null }>(page, 'interventions.get', { id: iv.id });
  expect(saved.vehicle).toBe('BV-01-AAA');
  expect(saved.estimate).toBe('350 RON');
  await other.context().close();
});

test('the auditor is refused by the main process, whatever the page sends', async ({ page }) => {
  await logIn(page, 'auditor', 'demo');
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  const [row] = await api<{ id: string; version: number }[]>(page, 'clients.list', { limit: 1 }).then((l) => l as unknown as { id: string; version: number }[]);
  const noRight = /no right to change/;
  await expect(api(page, 'interventions.create', { docDate: TEST_DAY, clientId: client!.id, objectText: 'Auditor' })).rejects.toThrow(noRight);
  await expect(api(page, 'clients.create', { kind: 'company', name: 'Auditor Client', country: 'RO' })).rejects.toThrow(noRight);
  await expect(api(page, 'contacts.create', { clientId: row!.id, name: 'Auditor Contact' })).rejects.toThrow(noRight);
  await expect(api(page, 'interventions.answer', { id: 'whatever', answer: 'accepted' })).rejects.toThrow(noRight);
  await expect(api(page, 'interventions.finalize', { id: 'whatever', version: 1, resolution: 'x' })).rejects.toThrow(noRight);
  // Reading is allowed: the lookups of the form answer.
  expect(Array.isArray(await api(page, 'catalogue.products.search', { query: null }))).toBe(true);
});

test('Tab and Shift+Tab go field to field in the order an operator works; Esc asks before throwing changes away', async ({ page }) => {
  await openGrid(page, 'operator');
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Insert');
  await expect(page.getByTestId('ivf-field-client')).toBeFocused();
  type Focusable = { tagName: string; getAttribute(name: string): string | null; closest(selector: string): Focusable | null };
  const focused = () =>
    page.evaluate(() => {
      // The spec compiles without the DOM library: the page's document, typed for what is read.
      const el = (globalThis as unknown as { document: { activeElement: Focusable | null } }).document.activeElement;
      return el?.closest('[data-testid^="ivf-field-"]')?.getAttribute('data-testid') ?? el?.getAttribute('data-testid') ?? el?.tagName ?? null;
    });
  const order: (string | null)[] = [await focused()];
  for (let i = 0; i < 18; i++) {
    await page.keyboard.press('Tab');
    order.push(await focused());
  }
  expect(order).toEqual(
    [
      'client',
      'contactPerson',
      'requestType',
      'priority',
      'source',
      'mailClient',
      'objectKind',
      'object',
      'verifier',
      'takenBy',
      'team',
      'technicians',
      'plannedStart',
      'plannedEnd',
      'confirmed',
      'notes',
      'estimate',
      'vehicle',
      'docDate',
    ].map((f) => `ivf-field-${f}`),
  );
  await page.keyboard.press('Shift+Tab');
  expect(await focused()).toBe('ivf-field-vehicle');

  await page.keyboard.type('CJ-10-XYZ');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('ivf-discard-dialog')).toBeVisible();
  await page.getByTestId('ivf-discard-stay').click();
  await expect(page.getByTestId('ivf-field-vehicle')).toHaveValue('CJ-10-XYZ');
  await page.getByTestId('ivf-field-vehicle').focus();
  await page.keyboard.press('Escape');
  await page.getByTestId('ivf-discard-confirm').click();
  await expect(page.getByTestId('ivf-form')).toHaveCount(0);
});
