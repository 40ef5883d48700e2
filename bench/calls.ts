/*
 * Benchmark of the softphone's screen pop on a database of 1,000,000 clients (not a test: it
 * prints figures).
 *
 *   npm run demo -- --interventions 20000 --clients 1000000 --out data/bench-calls.sqlite   (once)
 *   npx electron-vite build
 *   sudo bash scripts/loopback-only.sh npm run bench:calls -- data/bench-calls.sqlite
 *
 * 1. The lookup: 850 caller IDs written the ways callers' numbers arrive (national,
 *    international with spaces, a leading 00, contacts' numbers, unknown numbers) through the
 *    API dispatcher (normalising, three index probes, the client's open interventions and last
 *    calls), beside the bare index probes on better-sqlite3 in the same run.
 * 2. INVITE arrival → client card on screen: Kamailio on loopback, the browser-mode host on the
 *    same database, an operator's page and a caller's page in Chromium (media on loopback only,
 *    hence the network namespace); 50 calls, each measured in the operator's page from the
 *    INVITE's arrival in sip.js to the card's render (performance marks of the app itself).
 * 3. Recording: the same 30-second call twice, first not recorded then recorded, with the
 *    operator's page in a Chromium of its own; the CPU its processes used in each (from /proc),
 *    and the recording's bytes per minute.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from '@playwright/test';
import { openApp } from '../src/main/app/open';
import { openRaw } from '../src/main/db/connection';
import { createDispatcher, type Caller } from '../src/main/api/dispatcher';
import { formatPhone, normalizePhone } from '../src/shared/domain/phone';
import { chromiumArgs, chromiumPath } from '../test/e2e/support/chromium';
import { api } from '../test/e2e/support/api';
import { startKamailio } from '../test/support/kamailio';
import { freePort } from '../test/support/pg-cluster';

const file = process.argv[2] ?? 'data/bench-calls.sqlite';
if (!existsSync(file)) {
  console.error(`No database at ${file}. Make one: npm run demo -- --interventions 20000 --clients 1000000 --out ${file}`);
  process.exit(2);
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;
const fmt = (ms: number) => ms.toFixed(2).padStart(8);

async function lookups(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-calls-'));
  const { app } = openApp({ dataDir, dbPath: file, mode: 'browser', version: 'bench', log: () => {} });
  const dispatch = createDispatcher(app).call;
  const caller: Caller = { transport: 'ipc', token: null };
  const login = await dispatch(caller, 'auth.login', { login: 'operator', password: 'demo' });
  if (!login.ok) throw new Error(login.error.message);
  const raw = openRaw(file);
  const clients = (raw.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  const phones = raw.prepare("SELECT phone, country FROM clients WHERE phone IS NOT NULL AND country = 'RO' ORDER BY random() LIMIT 600").all() as { phone: string }[];
  const contacts = raw.prepare("SELECT phone FROM contact_persons WHERE phone LIKE '+40%' ORDER BY random() LIMIT 150").pluck().all() as string[];
  // As caller IDs arrive: national, international with spaces, a leading 00, contacts', unknown.
  const numbers = [
    ...phones.slice(0, 300).map((p) => '0' + p.phone.slice(3)),
    ...phones.slice(300, 450).map((p) => formatPhone(p.phone)),
    ...phones.slice(450, 600).map((p) => '00' + p.phone.slice(1)),
    ...contacts,
    ...Array.from({ length: 100 }, (_, i) => `07${String(99_000_000 + i * 7919).slice(0, 8)}`),
  ];
  const probes = [
    raw.prepare('SELECT cp.id, cp.client_id FROM contact_persons cp WHERE cp.phone = ? AND cp.deleted_at IS NULL LIMIT 5'),
    raw.prepare('SELECT id FROM clients WHERE phone = ? AND deleted_at IS NULL LIMIT 6'),
    raw.prepare('SELECT id FROM clients WHERE work_phone = ? AND deleted_at IS NULL LIMIT 6'),
  ];
  const viaApi: number[] = [];
  const inMain: number[] = [];
  const bare: number[] = [];
  let found = 0;
  for (const n of numbers) await dispatch(caller, 'calls.lookup', { number: n }); // warm
  for (const n of numbers) {
    const t = performance.now();
    const r = await dispatch(caller, 'calls.lookup', { number: n });
    viaApi.push(performance.now() - t);
    if (!r.ok) throw new Error(r.error.message);
    const pop = r.value as { client: unknown; tookMs: number };
    inMain.push(pop.tookMs);
    if (pop.client) found++;
    const e164 = normalizePhone(n, 'RO');
    const b = performance.now();
    if (e164.ok) for (const p of probes) p.all(e164.e164);
    bare.push(performance.now() - b);
  }
  console.log(`Database: ${file} (${clients.toLocaleString('en')} clients); ${numbers.length} caller IDs, ${found} matched a client`);
  console.log(`${'lookup'.padEnd(48)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'max'.padStart(8)}  target`);
  console.log(`${'screen pop through the API (ms)'.padEnd(48)} ${fmt(pct(viaApi, 50))} ${fmt(pct(viaApi, 95))} ${fmt(Math.max(...viaApi))}`);
  console.log(`${'screen pop in main: normalise, match, card (ms)'.padEnd(48)} ${fmt(pct(inMain, 50))} ${fmt(pct(inMain, 95))} ${fmt(Math.max(...inMain))}  ≤10 ms`);
  console.log(`${'bare index probes, number already E.164 (ms)'.padEnd(48)} ${fmt(pct(bare, 50))} ${fmt(pct(bare, 95))} ${fmt(Math.max(...bare))}`);
  console.log(`ratio in main / bare (p95): ${(pct(inMain, 95) / pct(bare, 95)).toFixed(1)}x`);
  raw.close();
  await app.close();
  rmSync(dataDir, { recursive: true, force: true });
}

async function startHost(port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [join('out', 'main', 'host.js'), '--port', String(port), '--data-dir', dataDir, '--db', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('The host did not start.');
}

async function pageAs(browser: Browser, port: number, login: string, sip: { wsUrl: string; domain: string }, user: string, password: string): Promise<Page> {
  const page = await (await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto('/');
  await page.getByTestId('login-user').fill(login);
  await page.getByTestId('login-password').fill('demo');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('statusbar-user').waitFor();
  await api(page, 'calls.account.save', { wsUrl: sip.wsUrl, sipUri: `sip:${user}@${sip.domain}`, authUser: user, password });
  await page.reload();
  await page.locator('[data-testid="statusbar-sip-state"][data-state="registered"]').waitFor({ timeout: 20_000 });
  return page;
}

function procParent(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** CPU seconds used so far by a process and its descendants (utime + stime from /proc). */
function treeCpuSeconds(rootPid: number): number {
  const procs: { pid: number; ppid: number; ticks: number }[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      procs.push({ pid: Number(d), ppid: Number(f[1]), ticks: Number(f[11]) + Number(f[12]) });
    } catch {
      // Gone meanwhile.
    }
  }
  const tree = new Set([rootPid]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of procs) {
      if (tree.has(p.pid) || !tree.has(p.ppid)) continue;
      tree.add(p.pid);
      grew = true;
    }
  }
  // Linux counts in USER_HZ, 100 a second.
  return procs.filter((p) => tree.has(p.pid)).reduce((n, p) => n + p.ticks, 0) / 100;
}

/** One call of `seconds` from the caller's page to an operator in a browser of its own: the CPU that browser used. */
async function callCpu(operator: Page, operatorPid: number, caller: Page, seconds: number): Promise<number> {
  if (!(await caller.getByTestId('softphone').isVisible())) await caller.keyboard.press('F8');
  await caller.getByTestId('softphone-dial-number').fill('1001');
  await caller.getByTestId('softphone-dial').click();
  await operator.locator('[data-testid="softphone-call"][data-phase="ringing"]').waitFor({ timeout: 15_000 });
  await operator.keyboard.press('F8');
  await operator.locator('[data-testid="softphone-call"][data-phase="talking"]').waitFor();
  const before = treeCpuSeconds(operatorPid);
  await operator.waitForTimeout(seconds * 1000);
  const used = treeCpuSeconds(operatorPid) - before;
  await operator.keyboard.press('F9');
  await caller.locator('[data-testid="softphone-call"][data-phase="ended"]').waitFor();
  await operator.getByTestId('softphone-dismiss').click();
  await caller.getByTestId('softphone-dismiss').click();
  return used;
}

async function inviteToCard(): Promise<void> {
  if (!existsSync(join('out', 'main', 'host.js'))) throw new Error('No built app: run npx electron-vite build first.');
  if (Object.values(networkInterfaces()).some((a) => (a ?? []).some((x) => !x.internal))) {
    console.log('\nINVITE → card: skipped, media must stay on loopback: run this under scripts/loopback-only.sh (as root).');
    return;
  }
  const raw = openRaw(file);
  const phone = raw.prepare("SELECT phone FROM clients WHERE phone LIKE '+407%' ORDER BY rowid DESC LIMIT 1").pluck().get() as string;
  raw.close();
  const callerUser = '0' + phone.slice(3);
  const sip = await startKamailio({ '1001': 'bench-op', [callerUser]: 'bench-caller' });
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-calls-host-'));
  const host = await startHost(port, dataDir);
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const admin = await (await browser.newContext({ baseURL: `http://127.0.0.1:${port}` })).newPage();
    await admin.goto('/');
    await admin.getByTestId('login-user').fill('admin');
    await admin.getByTestId('login-password').fill('demo');
    await admin.getByTestId('login-submit').click();
    await admin.getByTestId('statusbar-user').waitFor();
    await api(admin, 'settings.update', { telephonyServers: [sip.wsUrl], phoneRegion: 'RO' });
    const operator = await pageAs(browser, port, 'operator', sip, '1001', 'bench-op');
    const caller = await pageAs(browser, port, 'supervisor', sip, callerUser, 'bench-caller');
    const times: number[] = [];
    const lookupMs: number[] = [];
    for (let i = 0; i < 50; i++) {
      await operator.evaluate(() => performance.clearMarks());
      if (!(await caller.getByTestId('softphone').isVisible())) await caller.keyboard.press('F8');
      await caller.getByTestId('softphone-dial-number').fill('1001');
      await caller.getByTestId('softphone-dial').click();
      await operator.locator('[data-testid="screen-pop"]').waitFor({ timeout: 15_000 });
      await operator.waitForFunction(() => performance.getEntriesByName('cc:pop').length > 0);
      const [invite, pop] = await operator.evaluate(() => [performance.getEntriesByName('cc:invite')[0]!.startTime, performance.getEntriesByName('cc:pop')[0]!.startTime]);
      times.push(pop - invite);
      const took = await api<{ tookMs: number }>(operator, 'calls.lookup', { number: callerUser });
      lookupMs.push(took.tookMs);
      await caller.getByTestId('softphone-hangup').click();
      await operator.locator('[data-testid="softphone-call"][data-phase="ended"]').waitFor();
      await operator.getByTestId('softphone-dismiss').click();
      await caller.getByTestId('softphone-dismiss').click();
    }
    console.log(`\n${'INVITE arrival → client card rendered (50 calls)'.padEnd(48)} ${fmt(pct(times, 50))} ${fmt(pct(times, 95))} ${fmt(Math.max(...times))}  p95 ≤100 ms`);
    console.log(`${'  of which the lookup in main (same number)'.padEnd(48)} ${fmt(pct(lookupMs, 50))} ${fmt(pct(lookupMs, 95))} ${fmt(Math.max(...lookupMs))}`);

    // 3. Recording: the operator in a browser of its own, so its processes are its alone.
    const children = () => new Set(readdirSync('/proc').filter((d) => /^\d+$/.test(d) && procParent(Number(d)) === process.pid).map(Number));
    const others = children();
    const own = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    try {
      // The browser just launched: the child of this process that was not there before.
      const pid = [...children()].find((c) => !others.has(c));
      if (!pid) throw new Error('no browser process');
      await operator.context().close();
      const solo = await pageAs(own, port, 'operator', sip, '1001', 'bench-op');
      const SECONDS = 30;
      await api(admin, 'settings.update', { recordCalls: 'off' });
      const plain = await callCpu(solo, pid, caller, SECONDS);
      await api(admin, 'settings.update', { recordCalls: 'all' });
      const recorded = await callCpu(solo, pid, caller, SECONDS);
      await solo.locator('[data-testid="recording-badge"]').waitFor({ state: 'detached', timeout: 15_000 });
      const { rows } = await api<{ rows: { durationMs: number | null; sizeBytes: number; status: string }[] }>(solo, 'recordings.list', { limit: 1 });
      const rec = rows[0]!;
      const pctOfCore = (cpu: number) => `${((cpu / SECONDS) * 100).toFixed(1).padStart(5)} % of a core`;
      console.log(`\nRecording: a ${SECONDS}-second call, the operator's browser (all its processes)`);
      console.log(`${'  not recorded'.padEnd(48)} ${pctOfCore(plain)}`);
      console.log(`${'  recorded'.padEnd(48)} ${pctOfCore(recorded)}   (+${(((recorded - plain) / SECONDS) * 100).toFixed(1)} points, ${(recorded / Math.max(plain, 0.01)).toFixed(2)}x)`);
      console.log(`${'  recording size'.padEnd(48)} ${rec.sizeBytes} bytes for ${((rec.durationMs ?? 0) / 1000).toFixed(1)} s = ${Math.round((rec.sizeBytes / Math.max(1, rec.durationMs ?? 1)) * 60)} KB/min  (target about 200-250)`);
    } finally {
      await own.close();
    }
  } finally {
    await browser.close();
    host.kill();
    await sip.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await lookups();
  await inviteToCard();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
