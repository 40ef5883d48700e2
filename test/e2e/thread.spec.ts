import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { api } from './support/api';
import { logIn } from './support/login';
import { TEST_DAY } from './support/clock';

/*
 * The Messages page end to end in browser mode: a file attached in the form comes back
 * byte-identical, a 2 GB file is refused before sending with the text kept, an image preview,
 * an @mention that reaches the operator's Mentions list, the register and the evolution sheet.
 */

const SHOTS = process.env.THREAD_SHOTS ?? join(process.cwd(), '.tmp/shots-thread');
mkdirSync(SHOTS, { recursive: true });
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

// A 64×40 PNG (a blue gradient), made here so the test needs no fixture file.
function png(): Buffer {
  const w = 64;
  const h = 40;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0;
    for (let x = 0; x < w; x++) raw.set([40 + x * 3, 90 + y * 3, 200], y * (w * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

interface Me {
  personId: string;
  displayName: string;
}

let tmp: string;
test.beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), 'cc-thread-e2e-'));
});
test.afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Creates an intervention over the API and opens it in the form from the grid; returns its id. */
async function openNew(page: Page, object: string): Promise<string> {
  const me = await api<Me>(page, 'session.me', {});
  const [client] = await api<{ id: string }[]>(page, 'clients.list', { limit: 1 });
  const today = TEST_DAY;
  const created = await api<{ id: string }>(page, 'interventions.create', {
    docDate: today,
    clientId: client!.id,
    // No request type: the thread needs none, and a type's required extra fields (another spec
    // makes some) would refuse the intervention.
    priority: 2,
    objectKind: 'text',
    objectText: object,
    takenById: me.personId,
    validate: true,
  });
  await page.getByTestId('nav-interventions').click();
  await page.getByTestId('search').fill(object);
  await page.getByTestId('search').press('Enter');
  await expect(page.getByTestId('result-count')).toHaveAttribute('data-count', '1');
  await page.getByTestId('grid-row').first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('ivf-field-object')).toHaveValue(object);
  await page.getByTestId('ivf-tab-messages').click();
  await expect(page.getByTestId('thread-composer')).toBeVisible();
  return created.id;
}

test('the thread: files, previews, the size limit, a mention the operator sees, the register and the evolution sheet', async ({ page, browser }) => {
  test.setTimeout(120_000);
  // The operator's person, to mention: read from a session of their own.
  const opContext = await browser.newContext();
  const op = await opContext.newPage();
  await logIn(op, 'operator', 'demo');
  const operator = await api<Me>(op, 'session.me', {});
  await op.getByTestId('mentions-bell').waitFor();
  const unseenBefore = Number(await op.getByTestId('mentions-count').getAttribute('data-count'));

  await logIn(page, 'admin', 'demo');
  const object = `Thread E2E ${Date.now()}`;
  const id = await openNew(page, object);
  const body = page.getByTestId('ivf-message-body');

  // 1. Any file: attached by the button's file input, sent, downloaded back byte-identical.
  const bytes = Buffer.concat([Buffer.from('Deviz lucrări — ședința 1\n'), createHash('sha512').update(object).digest(), Buffer.alloc(300_000, 7)]);
  await page.getByTestId('thread-file-input').setInputFiles({ name: 'deviz ședință.bin', mimeType: 'application/octet-stream', buffer: bytes });
  await expect(page.getByTestId('thread-upload')).toHaveAttribute('data-status', 'done');
  await body.fill('Estimate attached');
  await page.getByTestId('ivf-message-add').click();
  const fileMessage = page.getByTestId('ivf-message').filter({ hasText: 'Estimate attached' });
  await expect(fileMessage.getByTestId('thread-file')).toContainText('deviz ședință.bin');
  await expect(page.getByTestId('thread-upload')).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), fileMessage.getByTestId('thread-file').click()]);
  expect(download.suggestedFilename()).toBe('deviz ședință.bin');
  const saved = join(tmp, 'downloaded.bin');
  await download.saveAs(saved);
  expect(sha(readFileSync(saved))).toBe(sha(bytes));

  // 2. A 2 GB file (sparse: no disk used) is refused before sending; the typed text stays.
  const huge = join(tmp, 'disk-image.iso');
  writeFileSync(huge, '');
  truncateSync(huge, 2 * 1024 ** 3);
  await body.fill('Keep this text, please');
  await page.getByTestId('thread-file-input').setInputFiles(huge);
  await expect(page.getByTestId('thread-composer')).toContainText('disk-image.iso is 2.00 GiB; the limit is 25.0 MiB.');
  await expect(body).toHaveValue('Keep this text, please');
  await expect(page.getByTestId('thread-upload')).toHaveCount(0);
  await shot(page, '2-too-large');
  await body.fill('');

  // 2b. A slow upload shows its progress and can be cancelled: nothing is attached, no temp file stays.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });
  await page.getByTestId('thread-file-input').setInputFiles({ name: 'slow.bin', mimeType: 'application/octet-stream', buffer: Buffer.alloc(8 * 1024 * 1024, 1) });
  await expect(page.getByTestId('thread-upload')).toHaveAttribute('data-status', 'uploading');
  await expect(page.getByTestId('thread-upload-progress')).toBeVisible();
  await shot(page, '2b-upload-progress');
  await page.getByTestId('thread-upload-remove').click();
  await expect(page.getByTestId('thread-upload')).toHaveCount(0);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  const incoming = join(process.cwd(), '.tmp', `e2e-${process.env.CC_E2E_PORT ?? 4399}`, 'files', '.incoming');
  // Upload temp files only: recordings under way have their own folder in there (recording/).
  await expect.poll(() => (existsSync(incoming) ? readdirSync(incoming, { withFileTypes: true }).filter((e) => e.isFile()).length : 0)).toBe(0);

  // 3. An image: a thumbnail in the thread, large in a preview.
  await page.getByTestId('thread-file-input').setInputFiles({ name: 'meter photo.png', mimeType: 'image/png', buffer: png() });
  await expect(page.getByTestId('thread-upload')).toHaveAttribute('data-status', 'done');
  await body.fill('Photo of the meter');
  await body.press('Control+Enter');
  const thumb = page.getByTestId('ivf-message').filter({ hasText: 'Photo of the meter' }).getByTestId('thread-thumb');
  await expect(thumb).toBeVisible();
  await expect.poll(() => thumb.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(64);
  await thumb.click();
  const preview = page.getByTestId('thread-preview-image');
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth)).toBe(64);
  await shot(page, '3-image-preview');
  await page.keyboard.press('Escape');
  await expect(preview).toHaveCount(0);

  // 4. A PDF: previewed in a frame on the inline address.
  await page.getByTestId('thread-file-input').setInputFiles({ name: 'report.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
  await expect(page.getByTestId('thread-upload')).toHaveAttribute('data-status', 'done');
  await page.getByTestId('ivf-message-add').click();
  await page.getByTestId('thread-pdf').last().click();
  await expect(page.getByTestId('thread-preview-pdf')).toHaveAttribute('src', /\/files\/[0-9a-f-]+\?inline=1$/);
  // Closed by its button: once the PDF viewer in the frame has the focus, it takes the keys.
  await page.getByTestId('thread-preview').getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('thread-preview-pdf')).toHaveCount(0);
  await expect(page.getByTestId('ivf-messages')).toBeVisible();

  // 4b. Files dropped on the page or pasted into the text attach too; a pending one can be removed.
  // In-page code as text: this file is type-checked without the DOM library.
  await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="ivf-messages"]');
    const dt = new DataTransfer();
    dt.items.add(new File(['dropped bytes'], 'dropped.txt', { type: 'text/plain' }));
    el.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    el.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  })()`);
  await expect(page.getByTestId('thread-upload').filter({ hasText: 'dropped.txt' })).toHaveAttribute('data-status', 'done');
  await page.getByTestId('thread-upload-remove').click();
  await expect(page.getByTestId('thread-upload')).toHaveCount(0);
  await page.evaluate(`(() => {
    const el = document.querySelector('[data-testid="ivf-message-body"]');
    const dt = new DataTransfer();
    dt.items.add(new File(['pasted bytes'], 'pasted.txt', { type: 'text/plain' }));
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  })()`);
  await expect(page.getByTestId('thread-upload').filter({ hasText: 'pasted.txt' })).toHaveAttribute('data-status', 'done');
  await body.fill('Pasted a file');
  await page.getByTestId('ivf-message-add').click();
  await expect(page.getByTestId('ivf-message').filter({ hasText: 'Pasted a file' }).getByTestId('thread-file')).toContainText('pasted.txt');

  // 5. @mention the operator, picked from the list with the keyboard.
  const first = operator.displayName.split(' ')[0]!;
  await body.fill('');
  await body.pressSequentially(`Can you call them back? @${first.slice(0, 3)}`);
  await expect(page.getByTestId('thread-mention-option').filter({ hasText: operator.displayName })).toBeVisible();
  await shot(page, '4-mention-list');
  await page.getByTestId('thread-mention-option').filter({ hasText: operator.displayName }).click();
  await expect(body).toHaveValue(`Can you call them back? @${operator.displayName} `);
  await page.getByTestId('ivf-message-add').click();
  const mentionMessage = page.getByTestId('ivf-message').filter({ hasText: 'Can you call them back?' });
  await expect(mentionMessage.getByTestId('thread-mention')).toHaveText(`@${operator.displayName}`);

  // 6. The correspondence register: a new entry, numbered on save, linked to the intervention.
  await page.getByTestId('thread-register-open').click();
  await expect(page.getByTestId('register-search')).toBeVisible();
  await page.getByTestId('register-new').click();
  await page.getByTestId('register-save').click();
  await expect(page.getByTestId('register-form')).toContainText('Required');
  await shot(page, '5-register-new');
  const party = `Apa Nova ${Date.now()}`;
  await page.getByTestId('register-party').fill(party);
  await page.getByTestId('register-subject').fill('Complaint about the water meter');
  await page.getByTestId('register-save').click();
  await page.getByTestId('register-search').fill(party);
  await expect(page.getByTestId('register-row')).toHaveCount(1);
  await expect(page.getByTestId('register-row')).toContainText(/REG-\d+/);
  await shot(page, '5-register-list');
  await page.getByTestId('register-link').click();
  await expect(page.getByTestId('register-search')).toHaveCount(0);
  await expect(page.getByTestId('thread-register-card').last()).toContainText(party);
  await shot(page, '1-thread');

  // 7. The operator sees the mention, opens it: the intervention's form.
  await expect(op.getByTestId('mentions-count')).toHaveAttribute('data-count', String(unseenBefore + 1));
  await op.getByTestId('mentions-bell').click();
  const item = op.getByTestId('mention-item').filter({ hasText: 'Can you call them back?' });
  await expect(item).toHaveAttribute('data-seen', 'false');
  // The drawer slides in: shoot it once it stands still.
  await op.waitForTimeout(400);
  await shot(op, '6-mentions-drawer');
  await item.click();
  await expect(op.getByTestId('ivf-field-object')).toHaveValue(object);
  await op.getByTestId('ivf-tab-messages').click();
  await expect(op.getByTestId('thread-mention')).toHaveText(`@${operator.displayName}`);
  await expect(op.getByTestId('mentions-count')).toHaveAttribute('data-count', String(unseenBefore));
  await opContext.close();

  // 8. The evolution sheet renders everything and prints to PDF.
  const sheet = await page.context().newPage();
  await sheet.goto(`/?sheet=${id}`);
  await expect(sheet.getByTestId('evolution-sheet')).toBeVisible();
  await expect(sheet.getByTestId('sheet-facts')).toContainText(object);
  await expect(sheet.getByTestId('sheet-message')).toHaveCount(6);
  await expect(sheet.getByTestId('sheet-thread')).toContainText('deviz ședință.bin');
  await expect(sheet.getByTestId('sheet-history')).toBeVisible();
  await shot(sheet, '7-evolution-sheet');
  const pdf = await sheet.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  expect(pdf.length).toBeGreaterThan(5000);
  await sheet.goto('/?sheet=<script>');
  await expect(sheet.getByTestId('sheet-error')).toBeVisible();
});
