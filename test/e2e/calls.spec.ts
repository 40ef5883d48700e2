import { readFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startKamailio, type SipServer } from '../support/kamailio';
import { api } from './support/api';
import { logIn } from './support/login';

/*
 * The softphone against a real SIP server: Kamailio on 127.0.0.1 with digest authentication,
 * two Chromium pages of the app (the operator, and a caller whose SIP user is a client's phone),
 * media on loopback only. Every check about a call looks at the media (RTP packets counted by the
 * page's own peer connection), never only at SIP: SIP says "established" with no audio at all.
 */

test.describe.configure({ mode: 'serial' });

const OPERATOR_SIP = { user: '1001', password: 'operator-sip-secret' };
/** A colleague calls are transferred to. */
const COLLEAGUE_SIP = { user: '1002', password: 'colleague-sip-secret' };
/** A number no client has (a Romanian mobile). */
const UNKNOWN_SIP = { user: '0799123456', password: 'unknown-sip-secret' };
let sip: SipServer;
let client: { id: string; name: string; phone: string };
/** The caller's SIP user: the client's phone as a national number ("0721…"). */
let callerUser: string;
const CALLER_PASSWORD = 'caller-sip-secret';
let operator: Page;
let caller: Page;
let colleague: Page;

async function newPage(browser: Browser, login: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await logIn(page, login, 'demo');
  return page;
}

/** Fills and saves the SIP account in the softphone's form. */
async function setUpAccount(page: Page, user: string, password: string): Promise<void> {
  const dock = page.getByTestId('softphone');
  if (!(await dock.isVisible())) await page.keyboard.press('F8');
  if (!(await page.getByTestId('sip-account-form').isVisible())) await page.getByTestId('softphone-settings').click();
  // An account another spec saved may name its own server: this one's is chosen.
  await page.getByTestId('sip-ws-url').click();
  await page.getByRole('option', { name: sip.wsUrl, exact: true }).click();
  await page.getByTestId('sip-uri').fill(`sip:${user}@${sip.domain}`);
  await page.getByTestId('sip-auth-user').fill(user);
  await page.getByTestId('sip-password').fill(password);
  await page.getByTestId('sip-account-save').click();
  await expect(page.getByTestId('sip-account-form')).toHaveCount(0);
}

const status = (page: Page) => page.getByTestId('statusbar-sip-state');
const media = (page: Page) => page.getByTestId('softphone-media');
const packetsIn = async (page: Page) => Number(await media(page).getAttribute('data-packets-in'));

/** Media flows into this page: the packet count grows, over the loopback pair only. */
async function expectAudioFlowing(page: Page): Promise<void> {
  await expect(media(page)).toBeVisible();
  const first = await packetsIn(page);
  await expect.poll(() => packetsIn(page), { timeout: 10_000 }).toBeGreaterThan(first + 20);
  expect(await media(page).getAttribute('data-local')).toMatch(/^(127\.0\.0\.1|::1)$/);
  expect(await media(page).getAttribute('data-remote')).toMatch(/^(127\.0\.0\.1|::1)$/);
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  // Media must stay on loopback: only a network namespace with nothing but `lo` makes sure of it.
  const others = Object.entries(networkInterfaces()).filter(([, addrs]) => (addrs ?? []).some((a) => !a.internal));
  if (others.length > 0) {
    throw new Error(`The softphone tests send media only on loopback, but this network has ${others.map(([n]) => n).join(', ')}: run them through scripts/test.sh as root (scripts/loopback-only.sh), or: sudo bash scripts/loopback-only.sh npx playwright test test/e2e/calls.spec.ts`);
  }
  const admin = await newPage(browser, 'admin');
  const clients = await api<{ id: string; name: string; phone: string | null; country: string }[]>(admin, 'clients.list', { query: '', limit: 200 });
  const found = clients.find((c) => c.country === 'RO' && c.phone?.startsWith('+407'));
  if (!found?.phone) throw new Error('the demo data has no Romanian client with a mobile phone');
  client = { id: found.id, name: found.name, phone: found.phone };
  callerUser = '0' + found.phone.slice(3);
  sip = await startKamailio({ [OPERATOR_SIP.user]: OPERATOR_SIP.password, [COLLEAGUE_SIP.user]: COLLEAGUE_SIP.password, [callerUser]: CALLER_PASSWORD, [UNKNOWN_SIP.user]: UNKNOWN_SIP.password });
  await api(admin, 'settings.update', { telephonyServers: [sip.wsUrl], phoneRegion: 'RO' });
  await admin.context().close();
  operator = await newPage(browser, 'operator');
  caller = await newPage(browser, 'supervisor');
  colleague = await newPage(browser, 'admin');
});

// A failing call test shows what the server saw.
test.afterEach(() => {
  const info = test.info();
  if (info.status !== info.expectedStatus && sip) console.log(sip.log().split('\n').filter((l) => /REQ|REGISTERED|RELAY|REPLY|ERROR|WARN/.test(l)).slice(-60).join('\n'));
});

test.afterAll(async () => {
  await operator?.context().close();
  await caller?.context().close();
  await colleague?.context().close();
  await sip?.dispose();
});

test('a wrong SIP password is refused by the registrar; the right one registers', async () => {
  await setUpAccount(operator, OPERATOR_SIP.user, 'not-the-password');
  await expect(status(operator)).toHaveAttribute('data-state', 'refused', { timeout: 15_000 });
  await expect(status(operator)).toContainText('401');
  await setUpAccount(operator, OPERATOR_SIP.user, OPERATOR_SIP.password);
  await expect(status(operator)).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
  await expect(operator.getByTestId('statusbar-sip-state')).toHaveAttribute('data-state', 'registered');
  await setUpAccount(caller, callerUser, CALLER_PASSWORD);
  await expect(status(caller)).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
  await setUpAccount(colleague, COLLEAGUE_SIP.user, COLLEAGUE_SIP.password);
  await expect(status(colleague)).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
  await operator.screenshot({ path: 'test-results/calls/softphone-ready.png' });
});

test('an incoming call pops the client, is answered by key, holds and resumes, and is logged', async () => {
  await caller.getByTestId('softphone-dial-number').fill(OPERATOR_SIP.user);
  await caller.getByTestId('softphone-dial').click();
  // The operator's softphone opens by itself, ringing, with the caller's client.
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await expect(operator.getByTestId('screen-pop')).toHaveAttribute('data-client-id', client.id);
  await expect(operator.getByTestId('screen-pop-client')).toHaveText(client.name);
  await operator.screenshot({ path: 'test-results/calls/incoming-call.png' });
  await operator.keyboard.press('F8');
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'talking');
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'talking');
  await expectAudioFlowing(operator);
  await expectAudioFlowing(caller);

  // Hold: the caller's side stops sending to the operator; resume: it flows again.
  await operator.keyboard.press('F4');
  await expect(operator.getByTestId('softphone-phase')).toContainText('on hold');
  // Once the hold has taken (the counters refresh each second), nothing more comes in: while
  // talking, two seconds bring ~100 packets.
  await operator.waitForTimeout(1500);
  const atHold = await packetsIn(operator);
  await operator.waitForTimeout(2000);
  expect(await packetsIn(operator)).toBeLessThan(atHold + 10);
  await operator.keyboard.press('F4');
  await expect(operator.getByTestId('softphone-phase')).not.toContainText('on hold');
  await expectAudioFlowing(operator);

  await operator.keyboard.press('F9');
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  const log = await api<{ rows: { clientId: string | null; outcome: string; direction: string; answeredAt: number | null; endedAt: number | null }[] }>(operator, 'calls.list', {
    filters: { mine: true },
    limit: 1,
  });
  expect(log.rows[0]).toMatchObject({ clientId: client.id, outcome: 'answered', direction: 'in' });
  expect(log.rows[0]!.endedAt).toBeGreaterThan(log.rows[0]!.answeredAt!);
  await operator.getByTestId('softphone-dismiss').click();
  await caller.getByTestId('softphone-dismiss').click();
});

test('an outbound call to the client reaches it, with audio both ways', async () => {
  await operator.getByTestId('softphone-dial-number').fill(callerUser);
  await operator.getByTestId('softphone-dial').click();
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await caller.getByTestId('softphone-answer').click();
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'talking');
  // The operator dialled the client's number: the card shows who it is.
  await expect(operator.getByTestId('screen-pop')).toHaveAttribute('data-client-id', client.id);
  await expectAudioFlowing(operator);
  await expectAudioFlowing(caller);
  await caller.getByTestId('softphone-hangup').click();
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  await operator.getByTestId('softphone-dismiss').click();
  await caller.getByTestId('softphone-dismiss').click();
});

test('a call nobody answers is a missed call in the log', async () => {
  await caller.getByTestId('softphone-dial-number').fill(OPERATOR_SIP.user);
  await caller.getByTestId('softphone-dial').click();
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await caller.getByTestId('softphone-hangup').click();
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  await expect
    .poll(async () => (await api<{ rows: { outcome: string }[] }>(operator, 'calls.list', { filters: { mine: true }, limit: 1 })).rows[0]?.outcome)
    .toBe('missed');
  await operator.getByTestId('softphone-dismiss').click();
  await caller.getByTestId('softphone-dismiss').click();
});

/** The caller rings the operator, who answers: audio both ways. */
async function callOperator(): Promise<void> {
  await caller.getByTestId('softphone-dial-number').fill(OPERATOR_SIP.user);
  await caller.getByTestId('softphone-dial').click();
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await operator.keyboard.press('F8');
  await expectAudioFlowing(operator);
}

async function dismissAll(): Promise<void> {
  for (const p of [operator, caller, colleague]) {
    const button = p.getByTestId('softphone-dismiss');
    if (await button.isVisible()) await button.click();
  }
}

const lastCall = async (page: Page) => (await api<{ rows: { outcome: string }[] }>(page, 'calls.list', { filters: { mine: true }, limit: 1 })).rows[0];

test('do not disturb: a caller hears busy, and the call waits in the log as missed', async () => {
  await operator.keyboard.press('Shift+F9');
  await expect(operator.getByTestId('softphone-dnd')).toBeChecked();
  await caller.getByTestId('softphone-dial-number').fill(OPERATOR_SIP.user);
  await caller.getByTestId('softphone-dial').click();
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended', { timeout: 15_000 });
  await expect(caller.getByTestId('softphone-phase')).toContainText('486');
  // Nothing rang here.
  await expect(operator.getByTestId('softphone-call')).toHaveCount(0);
  await expect.poll(async () => (await lastCall(operator))?.outcome).toBe('missed');
  await operator.keyboard.press('Shift+F9');
  await expect(operator.getByTestId('softphone-dnd')).not.toBeChecked();
  await dismissAll();
});

test('keypad tones reach the other side', async () => {
  await callOperator();
  await operator.getByTestId('softphone-dtmf-5').click();
  await expect(caller.getByTestId('softphone-tone-in')).toHaveAttribute('data-tone', '5');
  await operator.getByTestId('softphone-dtmf-#').click();
  await expect(caller.getByTestId('softphone-tone-in')).toHaveAttribute('data-tone', '#');
  await operator.keyboard.press('F9');
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  await dismissAll();
});

test('blind transfer: the caller goes on to a colleague, and the operator is free', async () => {
  await callOperator();
  await operator.getByTestId('softphone-transfer').click();
  await operator.getByTestId('softphone-transfer-target').fill(COLLEAGUE_SIP.user);
  await operator.getByTestId('softphone-transfer-blind').click();
  await expect(colleague.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  await colleague.getByTestId('softphone-answer').click();
  await expect(colleague.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'talking');
  await expectAudioFlowing(colleague);
  await expectAudioFlowing(caller);
  await expect.poll(async () => (await lastCall(operator))?.outcome).toBe('transferred');
  await colleague.getByTestId('softphone-hangup').click();
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  await dismissAll();
});

test('attended transfer: the operator speaks to the colleague first, then joins them', async () => {
  await callOperator();
  await operator.getByTestId('softphone-transfer').click();
  await operator.getByTestId('softphone-transfer-target').fill(COLLEAGUE_SIP.user);
  await operator.getByTestId('softphone-transfer-consult').click();
  // The caller waits on hold while the colleague is asked.
  await expect(operator.getByTestId('softphone-phase')).toContainText('on hold');
  await expect(colleague.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await colleague.getByTestId('softphone-answer').click();
  await expect(operator.getByTestId('softphone-consult')).toHaveAttribute('data-phase', 'talking');
  await operator.screenshot({ path: 'test-results/calls/attended-transfer.png' });
  await operator.getByTestId('softphone-transfer-complete').click();
  // The caller now talks with the colleague, the operator is out of it.
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended', { timeout: 15_000 });
  await expect(colleague.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'talking');
  await expect(colleague.getByTestId('softphone-number')).toContainText(callerUser);
  await expectAudioFlowing(colleague);
  await expectAudioFlowing(caller);
  await colleague.getByTestId('softphone-hangup').click();
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  await dismissAll();
});

test('the server stops: the softphone says so, and registers again once it is back', async () => {
  await sip.stop();
  await expect(status(operator)).toHaveAttribute('data-state', 'disconnected', { timeout: 15_000 });
  await sip.start();
  await expect(status(operator)).toHaveAttribute('data-state', 'registered', { timeout: 20_000 });
  await expect(status(caller)).toHaveAttribute('data-state', 'registered', { timeout: 20_000 });
  // And calls work again.
  await caller.getByTestId('softphone-dial-number').fill(OPERATOR_SIP.user);
  await caller.getByTestId('softphone-dial').click();
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await operator.keyboard.press('F8');
  await expectAudioFlowing(operator);
  await operator.keyboard.press('F9');
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  await operator.getByTestId('softphone-dismiss').click();
  await caller.getByTestId('softphone-dismiss').click();
});

test('keyboard only: a call rings, is answered, becomes an allocated intervention, and is hung up', async () => {
  type Lookups = { requestTypes: { id: string; name: string; active: boolean; parentId: string | null }[]; personnel: { id: string; technician: boolean }[]; teams: { name: string; memberIds: string[] }[] };
  const lookups = await api<Lookups>(operator, 'interventions.lookups', {});
  const type = lookups.requestTypes.find((r) => r.active && r.parentId !== null) ?? lookups.requestTypes[0]!;
  const technicians = new Set(lookups.personnel.filter((p) => p.technician).map((p) => p.id));
  const team = lookups.teams.find((x) => x.memberIds.some((m) => technicians.has(m)))!;
  let keys = 0;
  const press = async (key: string) => {
    keys++;
    await operator.keyboard.press(key);
  };
  const type_ = async (text: string) => {
    keys += text.length;
    await operator.keyboard.type(text);
  };
  const field = (name: string) => operator.getByTestId(`ivf-field-${name}`);

  await caller.getByTestId('softphone-dial-number').fill(OPERATOR_SIP.user);
  await caller.getByTestId('softphone-dial').click();
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  const started = Date.now();
  await press('F8');
  await expect(operator.getByTestId('screen-pop')).toHaveAttribute('data-client-id', client.id);
  await expectAudioFlowing(operator);
  await press('F2');
  // The form opens on the caller's client, at the request type.
  await expect(field('requestType')).toBeFocused();
  await type_(type.name);
  await press('ArrowDown');
  await press('Enter');
  // Priority, contact channel, "keep the client informed", the object's kind, then its text.
  for (let i = 0; i < 5; i++) await press('Tab');
  await expect(field('object')).toBeFocused();
  await type_('Boiler loses pressure');
  await press('Tab');
  // The verifier: the first one offered.
  await expect(field('verifier')).toBeFocused();
  await press('ArrowDown');
  await press('Enter');
  await press('Tab');
  await press('Tab');
  await expect(field('team')).toBeFocused();
  await type_(team.name);
  await press('ArrowDown');
  await press('Enter');
  await press('Tab');
  await press('Tab');
  await expect(field('plannedStart')).toBeFocused();
  await type_('20/11/2026 0930');
  await press('Tab');
  await expect(field('plannedEnd')).toBeFocused();
  await type_('20/11/2026 1130');
  await press('Tab');
  await operator.screenshot({ path: 'test-results/calls/keyboard-before-save.png' });
  await press('Control+s');
  await expect(operator.getByTestId('ivf-form')).toHaveAttribute('data-dirty', 'false');
  await expect(operator.getByTestId('ivf-status')).toHaveAttribute('data-status', 'allocated');
  const interventionId = await operator.getByTestId('ivf-form').getAttribute('data-id');
  await press('Escape');
  await expect(operator.getByTestId('ivf-form')).toHaveCount(0);
  await press('F9');
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  const seconds = (Date.now() - started) / 1000;
  console.log(`Keyboard-only call to allocated intervention: ${seconds.toFixed(1)} s (test-driver time), ${keys} keystrokes, no mouse.`);
  // The call is linked to the intervention made from it.
  await expect.poll(async () => (await api<{ rows: { interventionId: string | null; clientId: string | null }[] }>(operator, 'calls.list', { filters: { mine: true }, limit: 1 })).rows[0]).toMatchObject({
    interventionId,
    clientId: client.id,
  });
  // Its thread lists the call it was made from.
  const linked = await api<{ direction: string; outcome: string; durationS: number | null }[]>(operator, 'calls.forIntervention', { interventionId });
  expect(linked).toHaveLength(1);
  expect(linked[0]).toMatchObject({ direction: 'in', outcome: 'answered' });
  await operator.getByTestId('softphone-dismiss').click();
  await caller.getByTestId('softphone-dismiss').click();
});

test('the call log: missed calls to deal with, H marks one dealt with, Enter calls the number back', async () => {
  await operator.keyboard.press('Alt+4');
  await expect(operator.getByTestId('calls-window')).toBeVisible();
  await operator.getByTestId('calls-quick').getByText('Missed, to deal with').click();
  const missed = operator.locator('[data-testid="call-row"][data-outcome="missed"][data-handled="false"]');
  await expect(missed.first()).toBeVisible();
  const before = await missed.count();
  await operator.screenshot({ path: 'test-results/calls/call-log.png' });
  await operator.getByTestId('calls-list').focus();
  await operator.keyboard.press('h');
  await expect(missed).toHaveCount(before - 1);
  // The operator's own calls: the newest is the keyboard-only call, from the client; Enter calls it back.
  await operator.getByTestId('calls-quick').getByText('Mine').click();
  await expect(operator.getByTestId('call-row').first()).toContainText(client.name);
  await operator.getByTestId('calls-list').focus();
  await operator.keyboard.press('Enter');
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-direction', 'out');
  await operator.keyboard.press('F9');
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  await operator.getByTestId('softphone-dismiss').click();
  await caller.getByTestId('softphone-dismiss').click();
  // Narrowed to outgoing calls that were answered: the call-back just made is among them.
  await operator.getByTestId('calls-quick').getByText('All').click();
  await operator.getByTestId('calls-direction').getByText('Outgoing').click();
  await expect(operator.locator('[data-testid="call-row"][data-direction="in"]')).toHaveCount(0);
  await expect(operator.locator('[data-testid="call-row"][data-direction="out"]').first()).toBeVisible();
  await operator.screenshot({ path: 'test-results/calls/call-log-outgoing.png' });
  await operator.getByTestId('calls-direction').getByText('Both ways').click();
  await expect(operator.locator('[data-testid="call-row"][data-direction="in"]').first()).toBeVisible();

  // Grouped by outcome: the groups' counts add up to the log's; → opens the missed calls' group, ← closes it.
  const total = Number(await operator.getByTestId('calls-count').getAttribute('data-count'));
  await operator.getByTestId('calls-group-by').click();
  await operator.getByRole('option', { name: 'Outcome' }).click();
  const groups = operator.getByTestId('calls-group');
  await expect(groups.first()).toBeVisible();
  await expect(operator.getByTestId('call-row')).toHaveCount(0);
  const counts = await groups.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-count'))));
  expect(counts.reduce((a, b) => a + b, 0)).toBe(total);
  const missedGroup = operator.locator('[data-testid="calls-group"][data-key="missed"]');
  await operator.getByTestId('calls-list').focus();
  for (let i = 0; i < 6 && (await missedGroup.getAttribute('aria-selected')) !== 'true'; i++) await operator.keyboard.press('ArrowDown');
  await operator.keyboard.press('ArrowRight');
  await expect(missedGroup).toHaveAttribute('aria-expanded', 'true');
  await expect(operator.getByTestId('call-row')).toHaveCount(Number(await missedGroup.getAttribute('data-count')));
  await expect(operator.locator('[data-testid="call-row"]:not([data-outcome="missed"])')).toHaveCount(0);
  await operator.screenshot({ path: 'test-results/calls/call-log-grouped.png' });
  await operator.keyboard.press('ArrowLeft');
  await expect(operator.getByTestId('call-row')).toHaveCount(0);
  await operator.getByTestId('calls-group-by').click();
  await operator.getByRole('option', { name: 'Outcome' }).click();
  await expect(operator.getByTestId('call-row').first()).toBeVisible();

  // Columns: the operator's hidden, the duration moved before the client; kept when the module opens again.
  await operator.getByTestId('calls-columns').click();
  await operator.locator('[data-testid="calls-column"][data-column="operator"]').getByRole('checkbox').click();
  for (let i = 0; i < 2; i++) await operator.locator('[data-testid="calls-column"][data-column="duration"]').getByTestId('calls-column-up').click();
  await operator.keyboard.press('Escape');
  const headers = () => operator.getByTestId('calls-header').evaluateAll((els) => els.map((e) => e.getAttribute('data-column')));
  const chosen = ['direction', 'startedAt', 'number', 'duration', 'client', 'contact', 'outcome', 'intervention', 'recording'];
  await expect.poll(headers).toEqual(chosen);
  await expect(operator.locator('[data-testid="call-row"] [data-column="operator"]')).toHaveCount(0);
  await operator.keyboard.press('Alt+1');
  await operator.keyboard.press('Alt+4');
  await expect.poll(headers).toEqual(chosen);

  // Export: the whole log, with the columns as shown and headed.
  const download = operator.waitForEvent('download');
  await operator.getByTestId('calls-export').click();
  await operator.getByTestId('calls-export-csv').click();
  const lines = readFileSync(await (await download).path(), 'utf8').replace(/^\ufeff/, '').trim().split('\r\n');
  expect(lines[0]).toBe('Direction,Started,Number,Duration,Client,Contact,Outcome,Intervention,Recording');
  expect(lines).toHaveLength(total + 1);
  await operator.getByTestId('calls-columns').click();
  await operator.getByTestId('calls-columns-reset').click();
  await operator.keyboard.press('Escape');
  await operator.keyboard.press('Alt+1');
});

test('an unknown number: the card says so, F2 adds the client with the number filled in, and the intervention form opens on it', async () => {
  await setUpAccount(caller, UNKNOWN_SIP.user, UNKNOWN_SIP.password);
  await expect(caller.getByTestId('statusbar-sip-state')).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
  await caller.getByTestId('softphone-dial-number').fill(OPERATOR_SIP.user);
  await caller.getByTestId('softphone-dial').click();
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
  await expect(operator.getByTestId('screen-pop-unknown')).toBeVisible();
  await operator.keyboard.press('F8');
  await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'talking');
  await expectAudioFlowing(operator);
  await operator.keyboard.press('F2');
  const quick = operator.getByTestId('quick-client');
  await expect(quick).toBeVisible();
  // The number as it came, in international form, and the country it belongs to.
  await expect(operator.getByTestId('client-field-phone')).toHaveValue('+40799123456');
  // A client needs a name: refused with a message, nothing lost.
  await operator.getByTestId('quick-client-save').click();
  await expect(quick).toBeVisible();
  await expect(operator.getByTestId('client-field-name')).toHaveAttribute('aria-invalid', 'true');
  await operator.getByTestId('client-field-name').fill('Atelierul Necunoscut SRL');
  await operator.keyboard.press('Control+s');
  await expect(quick).toHaveCount(0);
  // The new intervention opens on the new client, from this call.
  await expect(operator.getByTestId('ivf-form')).toBeVisible();
  await expect(operator.getByTestId('ivf-form')).toContainText('Atelierul Necunoscut SRL');
  const found = await api<{ id: string; name: string; phone: string | null }[]>(operator, 'clients.list', { query: 'Atelierul Necunoscut', limit: 5 });
  expect(found.map((c) => [c.name, c.phone])).toEqual([['Atelierul Necunoscut SRL', '+40799123456']]);
  // Closing the unsaved intervention asks first (from a plain field: an open list would take Esc).
  await operator.getByTestId('ivf-field-object').focus();
  await operator.keyboard.press('Escape');
  await operator.getByTestId('ivf-discard-confirm').click();
  await expect(operator.getByTestId('ivf-form')).toHaveCount(0);
  await operator.keyboard.press('F9');
  await expect(caller.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
  await operator.getByTestId('softphone-dismiss').click();
  await caller.getByTestId('softphone-dismiss').click();
  // The next call from this number pops the client, however the number is written.
  const pop = await api<{ client: { id: string } | null }>(operator, 'calls.lookup', { number: '0799 123 456' });
  expect(pop.client?.id).toBe(found[0]!.id);
  // The call itself now names the client added on the line (no intervention was saved).
  const logged = await api<{ rows: { clientId: string | null; number: string }[] }>(operator, 'calls.list', { filters: { mine: true }, limit: 1 });
  expect(logged.rows[0]!.clientId).toBe(found[0]!.id);
  await setUpAccount(caller, callerUser, CALLER_PASSWORD);
  await expect(caller.getByTestId('statusbar-sip-state')).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
});

test('the softphone in the four languages (screenshots to look at)', async () => {
  for (const language of ['en', 'ro', 'pt-BR', 'ca']) {
    await api(operator, 'session.setLanguage', { language });
    await operator.reload();
    await expect(status(operator)).toHaveAttribute('data-state', 'registered', { timeout: 15_000 });
    await caller.getByTestId('softphone-dial-number').fill(OPERATOR_SIP.user);
    await caller.getByTestId('softphone-dial').click();
    await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ringing', { timeout: 15_000 });
    await expect(operator.getByTestId('screen-pop-client')).toHaveText(client.name);
    await operator.screenshot({ path: `test-results/calls/ringing-${language}.png` });
    await caller.getByTestId('softphone-hangup').click();
    await expect(operator.getByTestId('softphone-call')).toHaveAttribute('data-phase', 'ended');
    await operator.getByTestId('softphone-settings').click();
    await expect(operator.getByTestId('sip-account-form')).toBeVisible();
    await operator.screenshot({ path: `test-results/calls/account-${language}.png` });
    await operator.keyboard.press('Alt+4');
    await expect(operator.getByTestId('call-row').first()).toBeVisible();
    await operator.screenshot({ path: `test-results/calls/call-log-${language}.png` });
    await operator.keyboard.press('Alt+1');
    await operator.getByTestId('softphone-settings').click();
    await operator.getByTestId('softphone-dismiss').click();
    await caller.getByTestId('softphone-dismiss').click();
  }
  await api(operator, 'session.setLanguage', { language: 'en' });
});
