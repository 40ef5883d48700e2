import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { logIn } from './support/login';

const SHOTS = process.env.CC_SHOTS_DIR ?? '.tmp/shots-types';
const shot = (page: Page, name: string) => page.screenshot({ path: `${SHOTS}/${name}.png` });

async function openRequestTypes(page: Page) {
  await logIn(page, 'admin');
  await page.getByTestId('nav-admin').click();
  await expect(page.getByTestId('request-types-admin')).toBeVisible();
  await expect(page.getByTestId('rt-node-INS')).toBeVisible();
}

test('an admin adds a sub-type, a required-in-finalized checkbox and a form template', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openRequestTypes(page);

  // The tree: search narrows it (with ancestors), inactive types can be hidden.
  await page.getByTestId('rt-search').fill('camere ip');
  await expect(page.getByTestId('rt-node-INS-CAM-IP')).toBeVisible();
  await expect(page.getByTestId('rt-node-INS-CAM')).toBeVisible();
  await expect(page.getByTestId('rt-node-REP')).toHaveCount(0);
  await page.getByTestId('rt-search').fill('');

  // The keyboard walks the tree: ↓ next, ← parent then close, → open.
  await page.getByTestId('rt-node-REP').click();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('rt-node-REP-BOI')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('rt-node-REP')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(page.getByTestId('rt-node-REP-BOI')).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('rt-node-REP-BOI')).toBeVisible();

  // Unsaved changes are not lost by clicking elsewhere in the tree.
  await page.getByTestId('rt-field-name-en').fill('Repair (edited)');
  await page.getByTestId('rt-node-INS').click();
  await page.getByRole('button', { name: 'Keep editing' }).click();
  await expect(page.getByTestId('rt-field-name-en')).toHaveValue('Repair (edited)');
  await page.getByTestId('rt-revert').click();
  await expect(page.getByTestId('rt-field-name-en')).toHaveValue('Repair');
  // Enter goes from the tree to the editor; Esc there asks before dropping an edit, then goes back.
  await page.getByTestId('rt-node-REP').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('rt-field-code')).toBeFocused();
  await page.keyboard.type('X');
  await page.keyboard.press('Escape');
  await page.getByTestId('rt-leave-discard').click();
  await expect(page.getByTestId('rt-node-REP')).toBeFocused();
  await expect(page.getByTestId('rt-field-code')).toHaveValue('REP');

  // A sub-type of "Repair", with a duplicate code first: refused on the code field.
  await expect(page.getByTestId('rt-title')).toContainText('REP');
  await page.getByTestId('rt-add-child').click();
  await expect(page.getByTestId('rt-field-code')).toBeFocused();
  await page.getByTestId('rt-field-code').fill('INS');
  await page.getByTestId('rt-field-name-en').fill('Solar panels');
  await page.getByTestId('rt-field-name-ro').fill('Panouri solare');
  await page.getByTestId('rt-field-name-pt-BR').fill('Painéis solares');
  await page.getByTestId('rt-save').click();
  // Catalan left empty: refused before anything is sent.
  await expect(page.getByTestId('rt-editor')).toContainText('Required.');
  await page.getByTestId('rt-field-name-ca').fill('Plaques solars <script>alert(1)</script>');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('rt-editor')).toContainText('This code is already used.');
  await page.getByTestId('rt-field-code').fill('REP-SOL');
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('rt-node-REP-SOL')).toBeVisible();
  await expect(page.getByTestId('rt-title')).toContainText('REP-SOL · Solar panels');
  await expect(page.getByTestId('rt-field-name-ca')).toHaveValue('Plaques solars <script>alert(1)</script>');
  await shot(page, 'tree-editor');

  // The form's lookups see it at once.
  const lookups = await api<{ requestTypes: { code: string; depth: number }[] }>(page, 'interventions.lookups', {});
  expect(lookups.requestTypes.find((t) => t.code === 'REP-SOL')?.depth).toBe(2);

  // Extra field: a checkbox required when finalized, hidden when taken.
  await page.getByTestId('rt-tab-fields').click();
  await page.getByTestId('rt-field-add').click();
  const form = page.getByTestId('rt-field-form');
  await form.getByText('Checkbox').click();
  await page.getByTestId('rt-fieldform-label-en').fill('Panels checked');
  await page.getByTestId('rt-fieldform-label-ro').fill('Panouri verificate');
  await page.getByTestId('rt-fieldform-label-pt-BR').fill('Painéis verificados');
  await page.getByTestId('rt-fieldform-label-ca').fill('Plaques revisades');
  await page.getByTestId('rt-fieldform-state-finalized-required').check();
  await page.getByTestId('rt-fieldform-state-taken-hidden').check();
  await shot(page, 'field-editor');
  await page.getByTestId('rt-fieldform-save').click();
  await expect(form).toHaveCount(0);
  await expect(page.getByTestId('rt-fieldrow-Panels checked')).toBeVisible();
  await expect(page.getByTestId('rt-state-Panels checked-finalized').locator('[data-state]')).toHaveAttribute('data-state', 'required');
  await expect(page.getByTestId('rt-state-Panels checked-taken').locator('[data-state]')).toHaveAttribute('data-state', 'hidden');
  await expect(page.getByTestId('rt-state-Panels checked-allocated').locator('[data-state]')).toHaveAttribute('data-state', 'optional');
  // A choice without options is refused in the dialog.
  await page.getByTestId('rt-field-add').click();
  await form.getByText('Choice').click();
  for (const l of ['en', 'ro', 'pt-BR', 'ca']) await page.getByTestId(`rt-fieldform-label-${l}`).fill(`Inverter brand ${l}`);
  await page.getByTestId('rt-fieldform-save').click();
  await expect(form).toContainText('A choice field needs at least one option.');
  await page.getByTestId('rt-fieldform-options').fill('Fronius\nSMA\nHuawei');
  await page.getByTestId('rt-fieldform-save').click();
  await expect(page.getByTestId('rt-fieldrow-Inverter brand en')).toContainText('Fronius · SMA · Huawei');
  await expect(page.getByTestId('rt-node-REP-SOL')).toContainText('2');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await shot(page, 'fields-matrix');

  // The API lists them in the order shown.
  const solarId = await page.getByTestId('rt-node-REP-SOL').getAttribute('data-id');
  const defs = await api<{ id: string; requestTypeId: string; labels: { en: string } }[]>(page, 'admin.extraFields.list', { requestTypeId: solarId });
  // The demo defines "Failure cause" on Repair: inherited, it comes first (ancestors' fields lead).
  expect(defs.map((d) => d.labels.en)).toEqual(['Failure cause', 'Panels checked', 'Inverter brand en']);
  expect(defs.filter((d) => d.requestTypeId === solarId).map((d) => d.labels.en)).toEqual(['Panels checked', 'Inverter brand en']);

  // Form template: upload the blank form, mandatory; download it back byte for byte.
  await page.getByTestId('rt-tab-templates').click();
  await page.getByTestId('rt-template-add').click();
  await page.getByTestId('rt-templateform-name').fill('Commissioning checklist');
  const blank = Buffer.from('%PDF-1.4\n% blank commissioning checklist\n');
  const chooser = page.waitForEvent('filechooser');
  await page.getByTestId('rt-templateform-file').click();
  await (await chooser).setFiles({ name: 'checklist.pdf', mimeType: 'application/pdf', buffer: blank });
  await page.getByTestId('rt-template-form').getByText('Mandatory').click();
  await page.getByTestId('rt-templateform-save').click();
  const row = page.getByTestId('rt-templaterow-Commissioning checklist');
  await expect(row).toBeVisible();
  await expect(row).toContainText('checklist.pdf');
  await expect(row).toContainText('Mandatory');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await shot(page, 'templates');
  const href = await page.getByTestId('rt-template-download-Commissioning checklist').getAttribute('href');
  const bytes = await page.evaluate(async (url) => Array.from(new Uint8Array(await (await fetch(url ?? '')).arrayBuffer())), href);
  expect(Buffer.from(bytes).equals(blank)).toBe(true);

  // A sub-type (Classification 3) inherits the fields, read-only, and says where they come from.
  await page.getByTestId('rt-tab-general').click();
  await page.getByTestId('rt-add-child').click();
  await page.getByTestId('rt-field-code').fill('REP-SOL-INV');
  for (const [l, v] of [['en', 'Inverter fault'], ['ro', 'Defect invertor'], ['pt-BR', 'Defeito no inversor'], ['ca', "Avaria de l'inversor"]] as const) await page.getByTestId(`rt-field-name-${l}`).fill(v);
  await page.getByTestId('rt-save').click();
  await expect(page.getByTestId('rt-title')).toContainText('REP-SOL-INV · Inverter fault');
  await expect(page.getByTestId('rt-add-child')).toBeDisabled();
  await page.getByTestId('rt-tab-fields').click();
  const inherited = page.getByTestId('rt-fieldrow-Panels checked');
  await expect(inherited).toHaveAttribute('data-inherited', 'true');
  await expect(inherited).toContainText('from REP-SOL');
  await expect(page.getByTestId('rt-field-edit-Panels checked')).toHaveCount(0);
  await shot(page, 'fields-inherited');

  // Deactivate from the editor: the branch goes with it, dimmed in the tree, hidden with the
  // toggle, gone from the form's picker.
  await page.getByTestId('rt-node-REP-SOL').click();
  await page.getByTestId('rt-tab-general').click();
  await page.getByTestId('rt-deactivate').click();
  await expect(page.getByTestId('rt-node-REP-SOL')).toHaveAttribute('data-active', 'false');
  await expect(page.getByTestId('rt-node-REP-SOL-INV')).toHaveAttribute('data-active', 'false');
  await shot(page, 'tree-inactive');
  await page.getByTestId('rt-show-inactive').click();
  await expect(page.getByTestId('rt-node-REP-SOL')).toHaveCount(0);
  const after = await api<{ requestTypes: { code: string }[] }>(page, 'interventions.lookups', {});
  expect(after.requestTypes.some((t) => t.code === 'REP-SOL')).toBe(false);
});

test('the operator sees no Administration, and main refuses its methods to them', async ({ page }) => {
  await logIn(page, 'operator');
  await expect(page.getByTestId('nav-interventions')).toBeVisible();
  await expect(page.getByTestId('nav-admin')).toHaveCount(0);
  await expect(api(page, 'admin.requestTypes.list', {})).rejects.toThrow(/no right to see admin/);
  await expect(api(page, 'admin.requestTypes.save', { values: { code: 'HACK', parentId: null, names: { en: 'x', ro: 'x', 'pt-BR': 'x', ca: 'x' } } })).rejects.toThrow(/no right to change admin/);
  await expect(api(page, 'admin.extraFields.save', { definition: { requestTypeId: 'x', kind: 'text', labels: { en: 'x', ro: 'x', 'pt-BR': 'x', ca: 'x' } } })).rejects.toThrow(/no right/);
});

test('in Romanian the hierarchy and the matrix speak the user language', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await logIn(page, 'admin');
  await api(page, 'session.setLanguage', { language: 'ro' });
  try {
    await page.reload();
    await page.getByTestId('nav-admin').click();
    await expect(page.getByTestId('rt-node-REP')).toContainText('Reparație');
    await page.getByTestId('rt-node-REP').click();
    await page.getByTestId('rt-tab-fields').click();
    await page.getByTestId('rt-field-add').click();
    await expect(page.getByTestId('rt-field-form')).toContainText('Alocată și confirmată');
    await page.getByTestId('rt-fieldform-save').click();
    await expect(page.getByTestId('rt-field-form')).toContainText('Obligatoriu.');
    await shot(page, 'field-editor-ro');
  } finally {
    await api(page, 'session.setLanguage', { language: 'en' });
  }
});
