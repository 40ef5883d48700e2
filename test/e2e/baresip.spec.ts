import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { startBaresip, type Baresip } from '../support/baresip';
import { startKamailio, type SipServer } from '../support/kamailio';
import { api } from './support/api';
import { energies, tone } from './support/audio';
import { chromiumArgs, chromiumPath } from './support/chromium';
import { logIn } from './support/login';

/*
 * A call with a phone that is not a browser: Debian's baresip (ICE, DTLS-SRTP, Opus, as WebRTC
 * needs) registered at the test Kamailio, calling the operator's softphone and called by it.
 * Checked on the audio both ways: baresip's tone (440 Hz) on the caller's side of the recording,
 * the operator's (1000 Hz) in what baresip heard.
 *
 * baresip's ICE gathers no candidate on a loopback address (127/8, ::1), so inside the test run's
 * own network namespace (scripts/loopback-only.sh: nothing but `lo`) this spec gives `lo` a second,
 * private address for the call's media, and removes it after. The media stays on the loopback
 * interface, in a namespace with no route anywhere else.
 */

test.describe.configure({ mode: 'serial' });

const OPERATOR_SIP = { user: '1101', password: 'operator-bare-secret' };
const PHONE_SIP = { user: '2102', password: 'phone-bare-secret' };
let sip: SipServer;
let phone: Baresip;
let dir: string;
let operatorBrowser: Browser;
let operator: Page;
let admin: Page;

const media = (page: Page) => page.getByTestId('softphone-media');
/** The second address of `lo` in the run's namespace: reachable from nowhere else. */
const MEDIA_ADDRESS = '10.254.254.1';
/** Addresses the call's media may use: loopback's. */
const OWN = /^(127\.0\.0\.1|::1|10\.254\.254\.1)$/;

/** Audio flows into the page over loopback, and baresip received this call's (its `nth` call's) media. */
async function expectAudioFlowing(page: Page, nth: number): Promise<void> {
  await expect.poll(async () => Number(await media(page).getAttribute('data-packets-in')), { timeout: 10_000 }).toBeGreaterThan(20);
  expect(await media(page).getAttribute('data-local')).toMatch(OWN);
  // Chromium hides a peer-reflexive candidate's address ("prflx"): baresip's log names it.
  const remote = await media(page).getAttribute('data-remote');
  if (remote !== 'prflx') expect(remote).toMatch(OWN);
  const received = [...phone.log().matchAll(/incoming rtp for 'audio' established, receiving from ([\d.]+):\d+/g)].map((m) => m[1]);
  expect(received).toHaveLength(nth);
  expect(received.at(-1)).toMatch(OWN);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const others = Object.entries(networkInterfaces()).filter(([, addrs]) => (addrs ?? []).some((a) => !a.internal));
  if (others.length > 0 || process.env.CC_LOOPBACK_ONLY !== '1') throw new Error('Calls send media only within the test run: run through scripts/loopback-only.sh (scripts/test.sh does).');
  spawnSync('ip', ['addr', 'del', `${MEDIA_ADDRESS}/32`, 'dev', 'lo']);
  execFileSync('ip', ['addr', 'add', `${MEDIA_ADDRESS}/32`, 'dev', 'lo']);
  dir = mkdtempSync(join(tmpdir(), 'cc-baresip-e2e-'));
  sip = await startKamailio({ [OPERATOR_SIP.user]: OPERATOR_SIP.password, [PHONE_SIP.user]: PHONE_SIP.password });
  phone = await startBaresip({ user: PHONE_SIP.user, password: PHONE_SIP.password, domain: sip.domain, sipPort: sip.sipPort, tone: 440, mediaAddress: MEDIA_ADDRESS });
  admin = await (await browser.newContext()).newPage();
  await logIn(admin, 'admin', 'demo');
  const { telephonyServers } = await api<{ telephonyServers: string[] }>(admin, 'settings.get', {});
  await api(admin, 'settings.update', { telephonyServers: [...telephonyServers, sip.wsUrl].slice(-10), recordCalls: 'all' });
  operatorBrowser = await chromium.launch({ executablePath: chromiumPath(), args: [...chromiumArgs, `--use-file-for-fake-audio-capture=${tone(dir, 1000)}`] });
  operator = await (await operatorBrowser.newContext({ baseURL: test.info().project.use.baseURL, viewport: { width: 1440, height: 900 } })).newPage();
  await logIn(operator, 'operator', 'demo');
  await operator.keyboard.press('F8');
  if (!(await operator.getByTestId('sip-account-form').isVisible())) await operator.getByTestId('softphone-settings').click();
  await operator.getByTestId('sip-ws-url').click();
  await operator.getByRole('option', { name: sip.wsUrl, exact: true }).click();
  await operator.getByTestId('sip-uri').fill(`sip:${OPERATOR_SIP.user}@${sip.domain}`);
  await operator.getByTestId('sip-auth-user').fill(OPERATOR_SIP.user);
  await operator.getByTestId('sip-password').fill(OPERATOR_SIP.password);
  await operator.getByTestId('sip-account-save').click();
  await expect(operator.getByTestId('statusbar-sip-state')).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
});

test.afterAll(async () => {
  // The operator's account named this spec's server: the next specs start without it.
  if (operator) await api(operator, 'calls.account.delete', {}).catch(() => undefined);
  await api(admin, 'settings.update', { recordCalls: 'off' }).catch(() => undefined);
  await admin?.context().close();
  await operatorBrowser?.close();
  // What the phone and the server said, for a failing run's reader.
  if (phone) writeFileSync('test-results/baresip.log', phone.log());
  if (sip) writeFileSync('test-results/baresip-kamailio.log', sip.log());
  await phone?.dispose();
  await sip?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
  // The next specs find loopback as it was.
  spawnSync('ip', ['addr', 'del', `${MEDIA_ADDRESS}/32`, 'dev', 'lo']);
});

test('baresip calls the operator: answered by key, audio both ways, recorded with each side on its channel', async () => {
  phone.command(`/dial sip:${OPERATOR_SIP.user}@${sip.domain}`);
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await expect(operator.getByTestId('softphone-call')).toContainText(PHONE_SIP.user);
  await operator.keyboard.press('F8');
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'talking');
  await expectAudioFlowing(operator, 1);
  await expect(operator.getByTestId('recording-badge')).toHaveAttribute('data-phase', 'recording', { timeout: 10_000 });
  await operator.waitForTimeout(4000);
  await operator.keyboard.press('F9');
  await phone.waitFor(/terminated|closed|BYE/i);
  await expect(operator.getByTestId('recording-badge')).toHaveCount(0, { timeout: 10_000 });

  // The recording: the operator's tone on the left, baresip's on the right.
  const { rows } = await api<{ rows: { id: string; status: string; number: string }[] }>(operator, 'recordings.list', { limit: 1 });
  expect(rows[0]).toMatchObject({ status: 'complete', number: PHONE_SIP.user });
  const res = await operator.request.get(`/recordings/${rows[0]!.id}?download=1`);
  expect(res.status()).toBe(200);
  const file = join(dir, 'bare-in.webm');
  writeFileSync(file, await res.body());
  const [left440, right440] = energies(file, 440);
  const [left1000, right1000] = energies(file, 1000);
  expect(right440, `440 Hz left ${left440}, right ${right440}`).toBeGreaterThan(left440 * 10);
  expect(left1000, `1000 Hz left ${left1000}, right ${right1000}`).toBeGreaterThan(right1000 * 10);
  // What baresip heard (its decoder's dump): the operator's 1000 Hz.
  const heard = phone.dumps().filter((f) => /dec/.test(f));
  expect(heard, phone.dumps().join(', ')).toHaveLength(1);
  const [l, r] = energies(heard.at(-1)!, 1000);
  const [l440, r440] = energies(heard.at(-1)!, 440);
  expect(l + r, `baresip heard 1000 Hz at ${l + r}, 440 Hz at ${l440 + r440}`).toBeGreaterThan((l440 + r440) * 10);
  await operator.getByTestId('softphone-dismiss').click();
});

test('the operator calls baresip: it answers, audio flows both ways', async () => {
  await operator.getByTestId('softphone-dial-number').fill(PHONE_SIP.user);
  await operator.keyboard.press('Enter');
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'talking', { timeout: 15_000 });
  await expectAudioFlowing(operator, 2);
  await operator.waitForTimeout(2000);
  await operator.keyboard.press('F9');
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  const { rows } = await api<{ rows: { direction: string; number: string; outcome: string }[] }>(operator, 'calls.list', { filters: { mine: true }, limit: 1 });
  expect(rows[0]).toMatchObject({ direction: 'out', number: PHONE_SIP.user, outcome: 'answered' });
  // baresip heard the operator on this call too (its newest dump).
  const heard = phone.dumps().filter((f) => /dec/.test(f)).sort();
  expect(heard).toHaveLength(2);
  expect(energies(heard.at(-1)!, 1000).reduce((a, b) => a + b)).toBeGreaterThan(energies(heard.at(-1)!, 440).reduce((a, b) => a + b) * 10);
});
