import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { startKamailio, type SipServer } from '../support/kamailio';
import { api } from './support/api';
import { TEST_DAY } from './support/clock';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { logIn } from './support/login';
import { decodedSeconds, energies, tone } from './support/audio';

/*
 * Recorded conversations end to end: two Chromium browsers whose microphones play different
 * tones (the operator 1000 Hz, the caller 440 Hz), a real call through Kamailio, the operator's
 * softphone recording it, and the file checked with ffmpeg: it decodes, lasts as long as the
 * time recorded (the pause left out), and each side is on its own channel.
 */

test.describe.configure({ mode: 'serial' });

const OPERATOR_SIP = { user: '1001', password: 'operator-sip-secret' };
const CALLER_SIP = { user: '2001', password: 'caller-sip-secret' };
let sip: SipServer;
let dir: string;
let operatorBrowser: Browser;
let callerBrowser: Browser;
let operator: Page;
let caller: Page;
let admin: Page;
/** The operator's recording of the first test, reviewed by the last. */
let recorded: Recording;
/** Recordings other specs made before this one (baresip's): left out of this spec's counts. */
let earlier = new Set<string>();

interface Recording {
  id: string;
  callId: string;
  status: string;
  durationMs: number | null;
  sizeBytes: number;
  sha256: string | null;
  pauses: { pausedAt: number; resumedAt: number | null }[];
}

async function browserWithMicrophone(file: string): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs, `--use-file-for-fake-audio-capture=${file}`] });
}

async function pageIn(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await logIn(page, login, 'demo');
  return page;
}

async function setUpAccount(page: Page, user: string, password: string): Promise<void> {
  if (!(await page.getByTestId('softphone').isVisible())) await page.keyboard.press('F8');
  if (!(await page.getByTestId('sip-account-form').isVisible())) await page.getByTestId('softphone-settings').click();
  // Other specs' accounts may name their own server: this one's is chosen.
  await page.getByTestId('sip-ws-url').click();
  await page.getByRole('option', { name: sip.wsUrl, exact: true }).click();
  await page.getByTestId('sip-uri').fill(`sip:${user}@${sip.domain}`);
  await page.getByTestId('sip-auth-user').fill(user);
  await page.getByTestId('sip-password').fill(password);
  await page.getByTestId('sip-account-save').click();
  await expect(page.getByTestId('statusbar-sip-state')).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
}

/** The caller dials the operator, who answers with F8; resolves once audio flows. */
async function callAndAnswer(): Promise<void> {
  await caller.getByTestId('softphone-dial-number').fill(OPERATOR_SIP.user);
  await caller.getByTestId('softphone-dial').click();
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await operator.keyboard.press('F8');
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'talking');
  await expect.poll(async () => Number(await operator.getByTestId('softphone-media').getAttribute('data-packets-in')), { timeout: 10_000 }).toBeGreaterThan(20);
}

/** The newest recording the page's user may hear (an operator: their own). */
async function latestRecording(page: Page): Promise<Recording> {
  const { rows } = await api<{ rows: Recording[] }>(page, 'recordings.list', { limit: 1 });
  if (!rows[0]) throw new Error('no recording');
  return rows[0];
}

async function recordingById(page: Page, id: string): Promise<Recording | undefined> {
  const { rows } = await api<{ rows: Recording[] }>(page, 'recordings.list', { limit: 20 });
  return rows.find((r) => r.id === id);
}

/** Downloads a recording as the page's user, into a file for ffmpeg. */
async function download(page: Page, id: string): Promise<string> {
  const res = await page.request.get(`/recordings/${id}?download=1`);
  expect(res.status()).toBe(200);
  expect(res.headers()['content-disposition']).toMatch(/^attachment; filename="call-.*\.webm"$/);
  const file = join(dir, `${id}.webm`);
  writeFileSync(file, await res.body());
  return file;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const others = Object.entries(networkInterfaces()).filter(([, addrs]) => (addrs ?? []).some((a) => !a.internal));
  if (others.length > 0) throw new Error('Recorded calls send media only on loopback: run through scripts/loopback-only.sh (scripts/test.sh does).');
  dir = mkdtempSync(join(tmpdir(), 'cc-recordings-'));
  sip = await startKamailio({ [OPERATOR_SIP.user]: OPERATOR_SIP.password, [CALLER_SIP.user]: CALLER_SIP.password });
  admin = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await logIn(admin, 'admin', 'demo');
  // Added beside the servers other specs allowed: their users' saved accounts stay within the CSP.
  const { telephonyServers } = await api<{ telephonyServers: string[] }>(admin, 'settings.get', {});
  await api(admin, 'settings.update', { telephonyServers: [...telephonyServers, sip.wsUrl].slice(-10), recordCalls: 'all' });
  earlier = new Set((await api<{ rows: Recording[] }>(admin, 'recordings.list', { limit: 500 })).rows.map((r) => r.id));
  operatorBrowser = await browserWithMicrophone(tone(dir, 1000));
  callerBrowser = await browserWithMicrophone(tone(dir, 440));
  operator = await pageIn(operatorBrowser, 'operator');
  caller = await pageIn(callerBrowser, 'supervisor');
  await setUpAccount(operator, OPERATOR_SIP.user, OPERATOR_SIP.password);
  await setUpAccount(caller, CALLER_SIP.user, CALLER_SIP.password);
});

test.afterAll(async () => {
  await api(admin, 'settings.update', { recordCalls: 'off' }).catch(() => undefined);
  await admin?.context().close();
  await operatorBrowser?.close();
  await callerBrowser?.close();
  await sip?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('a recorded call: shown while it records, paused by key, each side on its own channel, as long as recorded', async () => {
  const callStarted = Date.now();
  await callAndAnswer();
  const badge = operator.getByTestId('recording-badge');
  await expect(badge).toHaveAttribute('data-phase', 'recording', { timeout: 10_000 });
  await expect(operator.getByTestId('statusbar-recording')).toHaveAttribute('data-state', 'recording');
  // Chunks arrive each second: main's count of stored bytes grows.
  await expect.poll(async () => Number(await badge.getAttribute('data-size')), { timeout: 10_000 }).toBeGreaterThan(4000);
  await operator.waitForTimeout(2500);
  await operator.screenshot({ path: 'test-results/calls/recording.png' });

  // F7 pauses (the caller reads a card number), F7 again resumes.
  await operator.keyboard.press('F7');
  await expect(badge).toHaveAttribute('data-phase', 'paused');
  await expect(operator.getByTestId('statusbar-recording')).toHaveAttribute('data-state', 'paused');
  await operator.screenshot({ path: 'test-results/calls/recording-paused.png' });
  await operator.waitForTimeout(3000);
  await operator.keyboard.press('F7');
  await expect(badge).toHaveAttribute('data-phase', 'recording');
  await operator.waitForTimeout(2500);
  await operator.keyboard.press('F9');
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  const callEnded = Date.now();
  await expect(operator.getByTestId('recording-badge')).toHaveCount(0, { timeout: 10_000 });
  await expect(operator.getByTestId('statusbar-recording')).toHaveCount(0);

  // The operator's own recording; the supervisor (the caller's login here) hears everyone's.
  const rec = (await recordingById(caller, (await latestRecording(operator)).id))!;
  expect(rec).toMatchObject({ status: 'complete' });
  recorded = rec;
  expect(rec.pauses).toHaveLength(1);
  const pausedMs = rec.pauses[0]!.resumedAt! - rec.pauses[0]!.pausedAt;
  expect(pausedMs).toBeGreaterThan(2500);
  // At least the 5 s the test waited while it recorded; at most the call's length with the pause
  // left out (bounded by what the test saw, not by a guess at how slow the machine is).
  expect(rec.durationMs!).toBeGreaterThan(4500);
  expect(rec.durationMs!).toBeLessThan(callEnded - callStarted - pausedMs + 1000);
  const file = await download(caller, rec.id);
  const seconds = decodedSeconds(file);
  // Main times from its start to its finish, so a slow finish on a busy machine adds to its figure.
  expect(Math.abs(seconds * 1000 - rec.durationMs!), `decoded ${seconds} s, main says ${rec.durationMs} ms`).toBeLessThan(3000);
  // The operator's microphone (1000 Hz) on the left, the caller (440 Hz) on the right.
  const [left1000, right1000] = energies(file, 1000);
  const [left440, right440] = energies(file, 440);
  expect(left1000, `1000 Hz left ${left1000}, right ${right1000}`).toBeGreaterThan(right1000 * 10);
  expect(right440, `440 Hz left ${left440}, right ${right440}`).toBeGreaterThan(left440 * 10);
  expect(left1000).toBeGreaterThan(1e-4);
  expect(right440).toBeGreaterThan(1e-4);
  // Not clipped: no run of samples at full scale (the microphone's automatic gain pushes a tone
  // up; the limiter holds it under, give or take the codec's ripple).
  const pcm = execFileSync('ffmpeg', ['-loglevel', 'error', '-i', file, '-f', 's16le', '-ac', '2', '-'], { maxBuffer: 64 * 1024 * 1024 });
  let clipped = 0;
  for (let i = 0; i < pcm.length; i += 2) if (Math.abs(pcm.readInt16LE(i)) >= 32_700) clipped++;
  expect(clipped / (pcm.length / 2)).toBeLessThan(1e-4);

  // Everyone's calls are recorded here, so the caller's side recorded its own: mirrored.
  const all = (await api<{ rows: Recording[] }>(caller, 'recordings.list', { limit: 100 })).rows.filter((r) => !earlier.has(r.id));
  expect(all).toHaveLength(2);
  const theirs = all.find((r) => r.id !== rec.id)!;
  const mirrored = await download(caller, theirs.id);
  const [mirroredLeft, mirroredRight] = energies(mirrored, 440);
  expect(mirroredLeft, `440 Hz in the caller's recording: left ${mirroredLeft}, right ${mirroredRight}`).toBeGreaterThan(mirroredRight * 10);
  // Operators hear only their own.
  const own = (await api<{ rows: Recording[] }>(operator, 'recordings.list', { limit: 100 })).rows.filter((r) => !earlier.has(r.id));
  expect(own.map((r) => r.id)).toEqual([rec.id]);
  expect((await operator.request.get(`/recordings/${theirs.id}`)).status()).toBe(404);
  await caller.getByTestId('softphone-dismiss').click();
  await operator.getByTestId('softphone-dismiss').click();
});

test('the operator\'s window crashes mid-call: the recording is kept up to the last second, closed as interrupted', async () => {
  await callAndAnswer();
  await expect(operator.getByTestId('recording-badge')).toHaveAttribute('data-phase', 'recording', { timeout: 10_000 });
  await expect.poll(async () => Number(await operator.getByTestId('recording-badge').getAttribute('data-size')), { timeout: 10_000 }).toBeGreaterThan(8000);
  const sent = Number(await operator.getByTestId('recording-badge').getAttribute('data-size'));
  const { id } = await latestRecording(operator);
  await operator.context().close();
  await caller.getByTestId('softphone-hangup').click().catch(() => undefined);
  // Main's sweep (every 5 s) closes a recording silent for 10 s.
  await expect.poll(async () => (await recordingById(caller, id))?.status, { timeout: 30_000, intervals: [1000] }).toBe('interrupted');
  const rec = (await recordingById(caller, id))!;
  expect(rec.sizeBytes).toBeGreaterThanOrEqual(sent);
  const seconds = decodedSeconds(await download(caller, rec.id));
  expect(seconds).toBeGreaterThan(1.5);
});

test('an administrator chooses whose calls are recorded and the scorecard in Settings (four languages)', async () => {
  await admin.getByTestId('nav-admin').click();
  await admin.getByTestId('admin-tab-settings').click();
  const section = admin.getByTestId('settings-recording');
  await expect(section).toBeVisible();
  await admin.getByTestId('settings-record-users').click();
  await admin.getByTestId('settings-save').click();
  await expect(section).toContainText('Choose at least one operator, or record every call.');
  await admin.getByTestId('settings-record-who').click();
  await admin.getByRole('option', { name: /\(operator\)$/ }).click();
  await admin.keyboard.press('Escape');
  await admin.getByTestId('settings-criterion-add').click();
  await admin.getByTestId('settings-criterion').last().getByLabel('Criterion', { exact: true }).fill('Offered the next step');
  await admin.getByTestId('settings-pass-mark').fill('75');
  await admin.getByTestId('settings-save').click();
  await expect
    .poll(async () => {
      const s = await api<{ recordCalls: string; recordUsers: string[]; scorecard: { criteria: { label: string }[]; passMark: number } }>(admin, 'settings.get', {});
      return [s.recordCalls, s.recordUsers.length, s.scorecard.criteria.at(-1)?.label, s.scorecard.passMark];
    })
    .toEqual(['users', 1, 'Offered the next step', 75]);
  for (const language of ['en', 'ro', 'pt-BR', 'ca']) {
    await api(admin, 'session.setLanguage', { language });
    await admin.reload();
    await admin.getByTestId('nav-admin').click();
    await admin.getByTestId('admin-tab-settings').click();
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: `test-results/calls/recording-settings-${language}.png` });
  }
  await api(admin, 'session.setLanguage', { language: 'en' });
});

/** The player's state as the review pane shows it. */
async function player(page: Page): Promise<{ phase: string; time: number; duration: number; playing: boolean; rate: number }> {
  const p = page.getByTestId('review-player');
  const [phase, time, duration, playing, rate] = await Promise.all(['data-phase', 'data-time', 'data-duration', 'data-playing', 'data-rate'].map((a) => p.getAttribute(a)));
  return { phase: phase ?? '', time: Number(time), duration: Number(duration), playing: playing === 'true', rate: Number(rate) };
}

test('a supervisor reviews a recording by keyboard: waveform, seek, speed, each side\'s volume, notes at moments, the scorecard', async ({ browser }) => {
  test.setTimeout(120_000);
  const sup = await pageIn(browser, 'supervisor');
  // From the call log, the call's recording opens for review (L, or the play icon).
  await sup.keyboard.press('Alt+Digit4');
  await sup.locator(`[data-testid="call-row"][data-call-id="${recorded.callId}"]`).getByTestId('call-recording').click();
  await expect(sup.getByTestId('review-pane')).toHaveAttribute('data-recording-id', recorded.id);
  await expect(sup.getByTestId('review-player')).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
  await sup.keyboard.press('Escape');
  await expect(sup.getByTestId('review-pane')).toHaveCount(0);
  const list = sup.getByTestId('recordings-list');
  await expect(sup.getByTestId('recording-row').first()).toBeVisible();
  // Narrowed to the operator's calls: theirs and the one cut short by the crash.
  const users = await api<{ id: string; login: string; displayName: string }[]>(admin, 'admin.users.list', {});
  const opUser = users.find((u) => u.login === 'operator')!;
  // Counted by main (other specs may have recorded the operator too): theirs, and the one cut short by the crash among them.
  const count = async (filters: object) => String((await api<{ total: number }>(sup, 'recordings.list', { filters, limit: 1 })).total);
  await sup.getByTestId('recordings-filter-operator').click();
  await sup.getByRole('option', { name: opUser.displayName, exact: true }).click();
  await expect(sup.getByTestId('recordings-count')).toHaveAttribute('data-count', await count({ userId: opUser.id }));
  await sup.getByTestId('recordings-filter-score').click();
  await sup.getByRole('option', { name: 'Not scored yet' }).click();
  const unscored = await count({ userId: opUser.id, score: 'unscored' });
  await expect(sup.getByTestId('recordings-count')).toHaveAttribute('data-count', unscored);
  const row = sup.locator(`[data-testid="recording-row"][data-recording-id="${recorded.id}"]`);
  await list.focus();
  for (let i = 0; i < 20 && (await row.getAttribute('aria-selected')) !== 'true'; i++) await sup.keyboard.press('ArrowDown');
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await sup.keyboard.press('Enter');
  const pane = sup.getByTestId('review-pane');
  await expect(pane).toHaveAttribute('data-recording-id', recorded.id);
  await expect(sup.getByTestId('review-player')).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
  // The length comes from the audio itself (the WebM states none): as main timed it, within a second or two.
  const { duration } = await player(sup);
  expect(Math.abs(duration * 1000 - recorded.durationMs!), `player ${duration} s, main ${recorded.durationMs} ms`).toBeLessThan(3000);
  await expect(sup.getByTestId('review-wave').locator('canvas, div').first()).toBeAttached();

  // Space plays (the pane has the keys once open); the caller's side is heard, then silenced.
  await sup.keyboard.press('Space');
  await expect.poll(async () => (await player(sup)).time, { timeout: 10_000 }).toBeGreaterThan(0.5);
  await expect.poll(async () => Number(await sup.getByTestId('review-level-caller').getAttribute('data-level')), { timeout: 10_000 }).toBeGreaterThan(0.005);
  await sup.getByTestId('review-volume-caller').locator('[role="slider"]').focus();
  await sup.keyboard.press('Home');
  await expect(sup.getByTestId('review-volume-caller').locator('[role="slider"]')).toHaveAttribute('aria-valuenow', '0');
  await expect.poll(async () => Number(await sup.getByTestId('review-level-caller').getAttribute('data-level')), { timeout: 10_000 }).toBeLessThan(0.001);
  await sup.keyboard.press('End');
  await pane.focus();
  await sup.keyboard.press('Space');
  await expect.poll(async () => (await player(sup)).playing).toBe(false);

  // Seeking: Home to the start, → 5 s on, then playing from there (a WebM without cues seeks too).
  await sup.keyboard.press('Home');
  await expect.poll(async () => (await player(sup)).time).toBeLessThan(0.1);
  await sup.keyboard.press('ArrowRight');
  await expect.poll(async () => (await player(sup)).time).toBeCloseTo(Math.min(5, duration), 0);
  await sup.keyboard.press('ArrowLeft');
  await expect.poll(async () => (await player(sup)).time).toBeLessThan(0.1);
  // A click in the waveform's middle goes to the middle.
  const wave = await sup.getByTestId('review-wave').boundingBox();
  await sup.mouse.click(wave!.x + wave!.width / 2, wave!.y + wave!.height / 2);
  await expect.poll(async () => Math.abs((await player(sup)).time - duration / 2)).toBeLessThan(0.6);
  await pane.focus();
  // ] and [ change the speed: 1.25, 1.5, then back to 1.25.
  await sup.keyboard.press(']');
  await sup.keyboard.press(']');
  await sup.keyboard.press('[');
  await expect.poll(async () => (await player(sup)).rate).toBe(1.25);

  // N writes a note at the moment the player is at (the middle), Enter saves it; it shows as a marker.
  await sup.keyboard.press('Home');
  await sup.keyboard.press('ArrowRight');
  await sup.keyboard.press('n');
  await expect(sup.getByTestId('review-note-text')).toBeFocused();
  await sup.keyboard.type('Asked for the card number twice');
  await sup.keyboard.press('Enter');
  const note = sup.getByTestId('review-note');
  await expect(note).toHaveCount(1);
  expect(Math.abs(Number(await note.getAttribute('data-at')) - Math.min(5, duration) * 1000)).toBeLessThan(600);
  await expect(sup.getByTestId('review-wave').locator('[data-testid="review-marker"]')).toHaveCount(1);
  // Bad input: an empty note is not sent.
  await sup.keyboard.press('Escape');
  await expect(pane).toBeFocused();
  await sup.keyboard.press('n');
  await sup.keyboard.press('Enter');
  await expect(note).toHaveCount(1);
  await sup.keyboard.press('Escape');

  // The scorecard: the live score follows the ratings; saving needs every criterion.
  const card = await api<{ scorecard: { criteria: { id: string; weight: number }[]; passMark: number } }>(sup, 'recordings.review', { id: recorded.id });
  const criteria = sup.getByTestId('review-criterion');
  await expect(criteria).toHaveCount(card.scorecard.criteria.length);
  await expect(sup.getByTestId('review-score-save')).toBeDisabled();
  const ratings = card.scorecard.criteria.map((_, i) => (i === 0 ? 2 : 5));
  for (const [i, rating] of ratings.entries()) await criteria.nth(i).getByText(String(rating), { exact: true }).click();
  const weights = card.scorecard.criteria.reduce((n, c) => n + c.weight, 0);
  const expected = Math.round((card.scorecard.criteria.reduce((n, c, i) => n + c.weight * (ratings[i]! / 5), 0) / weights) * 100);
  await expect(sup.getByTestId('review-score-live')).toHaveAttribute('data-score', String(expected));
  await sup.getByTestId('review-score-comment').fill('Good call; confirm the card number once.');
  await sup.getByTestId('review-score-save').click();
  await expect(pane.getByTestId('score-badge')).toContainText(String(expected));
  // Scored, it leaves the "not scored yet" list (the review stays open) and joins the scored.
  await expect(sup.getByTestId('recordings-count')).toHaveAttribute('data-count', String(Number(unscored) - 1));
  await expect(pane).toBeVisible();
  await sup.getByTestId('recordings-filter-score').click();
  await sup.getByRole('option', { name: 'Scored', exact: true }).click();
  await expect(row.getByTestId('score-badge')).toHaveAttribute('data-passed', String(expected >= card.scorecard.passMark));

  // Saving the file: the browser's download, named for the call.
  const [saved] = await Promise.all([sup.waitForEvent('download'), sup.getByTestId('review-download').click()]);
  expect(saved.suggestedFilename()).toMatch(/^call-.*\.webm$/);
  await sup.screenshot({ path: 'test-results/calls/recording-review.png' });
  // Esc goes back to the list, on the same row.
  await pane.focus();
  await sup.keyboard.press('Escape');
  await expect(pane).toHaveCount(0);
  await expect(list).toBeFocused();

  // The operator hears their own and reads the review, but neither notes nor scores.
  const op = await pageIn(browser, 'operator');
  await op.keyboard.press('Alt+Digit5');
  await expect(op.getByTestId('recordings-filter-operator')).toHaveCount(0);
  await op.locator(`[data-testid="recording-row"][data-recording-id="${recorded.id}"]`).dblclick();
  await expect(op.getByTestId('review-player')).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
  await expect(op.getByTestId('review-note')).toHaveCount(1);
  await expect(op.getByTestId('review-note-text')).toHaveCount(0);
  await expect(op.getByTestId('review-score-save')).toHaveCount(0);
  await expect(op.getByTestId('review-scorecard')).toContainText('Good call; confirm the card number once.');
  await op.context().close();

  // The review screen in the four languages.
  for (const language of ['en', 'ro', 'pt-BR', 'ca']) {
    await api(sup, 'session.setLanguage', { language });
    await sup.goto(`/#/recordings?view=${recorded.id}`);
    await sup.reload();
    await expect(sup.getByTestId('review-player')).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
    await sup.screenshot({ path: `test-results/calls/recording-review-${language}.png` });
  }
  await api(sup, 'session.setLanguage', { language: 'en' });
  await sup.context().close();
});

test('a call\'s recording plays from its intervention\'s thread, over the form, which stays as it was', async ({ browser }) => {
  // The operator made an intervention from the recorded call (linked by its operator only).
  const op = await pageIn(browser, 'operator');
  const [client] = await api<{ id: string }[]>(op, 'clients.list', { limit: 1 });
  const made = await api<{ id: string }>(op, 'interventions.create', { docDate: TEST_DAY, clientId: client!.id, objectText: `Recorded call ${Date.now()}`, validate: false });
  await api(op, 'calls.link', { id: recorded.callId, interventionId: made.id });
  await op.context().close();
  const sup = await pageIn(browser, 'supervisor');
  await sup.goto(`/?intervention=${encodeURIComponent(made.id)}`);
  await sup.getByTestId('ivf-tab-messages').click();
  await sup.getByTestId('thread-call-recording').click();
  const pane = sup.getByTestId('review-pane');
  await expect(pane).toHaveAttribute('data-recording-id', recorded.id);
  await expect(sup.getByTestId('review-player')).toHaveAttribute('data-phase', 'ready', { timeout: 15_000 });
  await expect(pane).toBeFocused();
  await sup.keyboard.press('Space');
  await expect.poll(async () => (await player(sup)).time, { timeout: 10_000 }).toBeGreaterThan(0.3);
  await sup.screenshot({ path: 'test-results/calls/recording-from-thread.png' });
  // Esc closes the review only: the form is still open on the intervention.
  await sup.keyboard.press('Escape');
  await expect(pane).toHaveCount(0);
  await expect(sup.getByTestId('ivf-form')).toBeVisible();
  await expect(sup.getByTestId('ivf-discard-confirm')).toHaveCount(0);
  await sup.context().close();
});
