import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { logIn } from './support/login';
import { TEST_DAY } from './support/clock';

/*
 * Extra fields end to end: an administrator defines them on a new request type (through the
 * administration's own API), an operator sees them on the form as soon as the type is chosen,
 * cannot save without the required one (the message is under the field), and saves with it.
 */

/** Screenshots for people to look at, only when asked for (XF_SHOTS=/some/dir). */
async function shot(page: Page, name: string) {
  const dir = process.env.XF_SHOTS;
  if (dir) await page.getByTestId('ivf-form').screenshot({ path: `${dir}/${name}.png` });
}

const labels = (en: string) => ({ en, ro: `${en} (ro)`, 'pt-BR': `${en} (pt)`, ca: `${en} (ca)` });

interface Setup {
  typeId: string;
  report: string;
  typeName: string;
  serial: string;
  pressure: string;
  fuel: string;
  remark: string;
  installed: string;
  warranty: string;
  templateName: string;
}

/** As admin: a request type with extra fields and a mandatory form template. */
async function defineType(page: Page): Promise<Setup> {
  const stamp = Date.now().toString(36).toUpperCase();
  const typeName = `Boiler service ${stamp}`;
  const type = await api<{ id: string }>(page, 'admin.requestTypes.save', {
    values: { code: `XF-${stamp}`, parentId: null, names: { en: typeName, ro: `Revizie centrală ${stamp}`, 'pt-BR': `Revisão de caldeira ${stamp}`, ca: `Revisió de caldera ${stamp}` } },
  });
  const field = async (definition: Record<string, unknown>) =>
    (await api<{ id: string }>(page, 'admin.extraFields.save', { definition: { requestTypeId: type.id, ...definition } })).id;
  const serial = await field({ kind: 'text', labels: labels('Boiler serial number'), states: { taken: 'required', allocated: 'required' }, sequence: 1 });
  const fuel = await field({ kind: 'choice', labels: labels('Fuel'), options: ['Natural gas', 'Electric', 'Heating oil'], sequence: 2 });
  const pressure = await field({ kind: 'number', labels: labels('Pressure (bar)'), states: { allocated: 'required' }, sequence: 3 });
  const installed = await field({ kind: 'date', labels: labels('Installed on'), sequence: 4 });
  const warranty = await field({ kind: 'checkbox', labels: labels('Under warranty'), states: { allocated: 'readonly' }, sequence: 5 });
  const remark = await field({ kind: 'text', labels: labels('Supervisor remark'), states: { taken: 'hidden' }, sequence: 6 });
  const report = await field({ kind: 'text', labels: labels('Work report'), states: { finalized: 'required' }, sequence: 7 });

  const uploaded = await page.evaluate(async () => {
    const r = await fetch('/files', {
      method: 'POST',
      headers: { 'X-File-Name': encodeURIComponent('safety-checklist.pdf'), 'Content-Type': 'application/pdf' },
      body: '%PDF-1.4\n% blank safety checklist\n',
    });
    return (await r.json()) as { ok: boolean; value: { id: string } };
  });
  expect(uploaded.ok).toBe(true);
  const templateName = 'Safety checklist';
  await api(page, 'admin.templates.save', { values: { requestTypeId: type.id, name: templateName, attachmentId: uploaded.value.id, mode: 'mandatory' } });
  return { typeId: type.id, typeName, serial, pressure, fuel, installed, remark, warranty, report, templateName };
}

test('an operator fills the extra fields of the chosen request type; a required one blocks the save', async ({ page, browser, baseURL }) => {
  const admin = await browser.newPage({ baseURL });
  await logIn(admin, 'admin', 'demo');
  const setup = await defineType(admin);
  await admin.close();

  await logIn(page, 'operator', 'demo');
  await page.getByTestId('nav-interventions').click();
  await expect(page.getByTestId('grid-row').first()).toBeVisible();
  const [client] = await api<{ name: string }[]>(page, 'clients.list', { limit: 1 });
  await page.getByTestId('grid').focus();
  await page.keyboard.press('Insert');
  await expect(page.getByTestId('ivf-form')).toBeVisible();
  await page.getByTestId('ivf-field-client').fill(client!.name.slice(0, 12));
  await page.getByRole('option', { name: client!.name }).first().click();
  await expect(page.getByTestId('xf-section')).toHaveCount(0);

  // Choosing the type shows its fields at once, before anything is saved.
  await page.getByTestId('ivf-field-requestType').fill(setup.typeName);
  await page.getByRole('option', { name: setup.typeName }).click();
  const section = page.getByTestId('xf-section');
  await expect(section).toBeVisible();
  await expect(section).toHaveAttribute('data-status', 'taken');
  await expect(section).toContainText('Boiler serial number');
  await expect(page.getByTestId(`xf-field-${setup.serial}`)).toHaveAttribute('data-state', 'required');
  await expect(page.getByTestId(`xf-field-${setup.pressure}`)).toHaveAttribute('data-state', 'optional');
  await expect(page.getByTestId(`xf-field-${setup.remark}`)).toHaveCount(0);
  const template = page.getByTestId('xf-template');
  await expect(template).toContainText(setup.templateName);
  await expect(template).toHaveAttribute('data-filled', 'false');
  await expect(page.getByTestId('xf-template-missing')).toBeVisible();
  await page.getByTestId('ivf-field-object').fill('Annual boiler check');
  await shot(page, '1-type-chosen');

  // Saving without the required field: refused by main, the message under the field, nothing lost.
  await page.keyboard.press('Control+s');
  const serialWrapper = page.locator('.mantine-InputWrapper-root', { has: page.getByTestId(`xf-field-${setup.serial}`) });
  await expect(serialWrapper).toContainText('Fill in this field.');
  await expect(page.getByTestId('ivf-error')).toBeVisible();
  await expect(page.getByTestId('ivf-field-object')).toHaveValue('Annual boiler check');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'true');
  await shot(page, '2-required-refused');

  // Filled: the message goes as soon as the field changes, and the save goes through.
  await page.getByTestId(`xf-field-${setup.serial}`).fill('SN <script>alert(1)</script> 4471');
  await expect(serialWrapper).not.toContainText('Fill in this field.');
  await page.getByTestId(`xf-field-${setup.fuel}`).click();
  await page.getByRole('option', { name: 'Electric' }).click();
  await page.getByTestId(`xf-field-${setup.pressure}`).fill('1.5');
  // Typed the way the user's language writes a day (en: day first); stored as yyyy-mm-dd.
  await page.getByTestId(`xf-field-${setup.installed}`).fill('15/03/2019');
  await page.getByTestId(`xf-field-${setup.installed}`).press('Tab');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'taken');
  await expect(page.getByTestId(`xf-field-${setup.serial}`)).toHaveValue('SN <script>alert(1)</script> 4471');
  await shot(page, '3-saved');

  // What main stored, by field id; the script tag is text.
  const id = await page.getByTestId('ivf-form').getAttribute('data-id');
  expect(id).toBeTruthy();
  const detail = await api<{ extra: Record<string, unknown> }>(page, 'interventions.get', { id });
  expect(detail.extra).toEqual({ [setup.serial]: 'SN <script>alert(1)</script> 4471', [setup.fuel]: 'Electric', [setup.pressure]: 1.5, [setup.installed]: '2019-03-15' });
  await expect(page.locator('script', { hasText: 'alert(1)' })).toHaveCount(0);

  // Planned (allocated): the fields take their allocated states; the hidden remark shows again.
  const lookups = await api<{ teams: { id: string }[]; personnel: { id: string; verifier: boolean }[] }>(page, 'interventions.lookups', {});
  const fresh = await api<{ version: number }>(page, 'interventions.get', { id });
  const start = Date.UTC(2026, 10, 24, 8);
  await api(page, 'interventions.update', {
    id,
    version: fresh.version,
    patch: { plannedStart: start, plannedEnd: start + 4 * 3600_000, teamId: lookups.teams[0]!.id, verifierId: lookups.personnel.find((p) => p.verifier)!.id },
  });
  await page.goto(`/?intervention=${encodeURIComponent(id!)}`);
  await expect(page.getByTestId('xf-section')).toHaveAttribute('data-status', 'allocated');
  await expect(page.getByTestId(`xf-field-${setup.pressure}`)).toHaveAttribute('data-state', 'required');
  await expect(page.getByTestId(`xf-field-${setup.pressure}`)).toHaveValue('1.5');
  await expect(page.getByTestId(`xf-field-${setup.warranty}`)).toHaveAttribute('data-state', 'readonly');
  await expect(page.getByTestId(`xf-field-${setup.remark}`)).toBeVisible();
  await shot(page, '4-allocated');
});

test('finalizing waits for the mandatory template and the fields required in finalized', async ({ page, browser, baseURL }) => {
  const admin = await browser.newPage({ baseURL });
  await logIn(admin, 'admin', 'demo');
  const setup = await defineType(admin);
  await admin.close();

  const technician = await browser.newPage({ baseURL });
  await logIn(technician, 'technician', 'demo');
  const tech = await api<{ personId: string }>(technician, 'session.me', {});

  await logIn(page, 'operator', 'demo');
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  const lookups = await api<{ teams: { id: string; memberIds: string[] }[]; personnel: { id: string; verifier: boolean }[] }>(page, 'interventions.lookups', {});
  const start = Date.UTC(2026, 10, 25, 8);
  const created = await api<{ id: string; version: number }>(page, 'interventions.create', {
    docDate: TEST_DAY,
    clientId: client!.id,
    requestTypeId: setup.typeId,
    objectText: 'Boiler handover',
    plannedStart: start,
    plannedEnd: start + 2 * 3600_000,
    teamId: (lookups.teams.find((x) => x.memberIds.includes(tech.personId)) ?? lookups.teams[0]!).id,
    verifierId: lookups.personnel.find((p) => p.verifier)!.id,
    extra: { [setup.serial]: 'SN-9', [setup.pressure]: 2 },
  });
  await api(page, 'interventions.assignTechnicians', { id: created.id, version: created.version, personIds: [tech.personId] });
  await api(technician, 'interventions.answer', { id: created.id, answer: 'accepted' });
  await technician.close();

  await page.goto(`/?intervention=${encodeURIComponent(created.id)}`);
  await expect(page.getByTestId('xf-section')).toHaveAttribute('data-status', 'confirmed');
  const report = page.locator('.mantine-InputWrapper-root', { has: page.getByTestId(`xf-field-${setup.report}`) });
  await expect(report).toContainText('Required to finalize.');
  await page.getByTestId('ivf-finalize').click();
  await page.getByTestId('ivf-reason').fill('Replaced the valve');
  await page.getByTestId('ivf-reason-confirm').click();
  await expect(page.getByTestId('xf-template-error')).toBeVisible();
  await expect(report).toContainText('Fill in this field.');
  await expect(page.getByTestId('ivf-status')).toHaveAttribute('data-status', 'confirmed');
  await shot(page, '5-finalize-refused');
});
