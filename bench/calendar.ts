/*
 * Benchmark of the scheduling calendar (not a test: it prints figures).
 *
 *   npm run demo -- --interventions 1000000 --out data/bench-1m.sqlite   (once, ~2 min)
 *   npx electron-vite build                                              (the app the host serves)
 *   npm run bench:calendar -- data/bench-1m.sqlite
 *
 * 1. A month's events from main on the 1,000,000-intervention database: `calendar.events` through
 *    the API dispatcher (the planned_start index range, the cap, each event's technicians and the
 *    clash sweep), 24 months around the data's present, beside the bare index range on
 *    better-sqlite3 in the same run (target: ≤ 50 ms p95).
 * 2. A week view with 2,000 events in Chromium: a copy of a small demo database gets 2,000
 *    interventions planned in one week; the browser-mode host serves it; the time from a click on
 *    "next week" to the week drawn (each day column's visits, four side by side, and its "+N"
 *    links for the rest), beside the time its read took in the same page (target: ≤ 500 ms).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { v7 as uuidv7 } from 'uuid';
import { createDispatcher, type Caller } from '../src/main/api/dispatcher';
import { openApp } from '../src/main/app/open';
import { openRaw, wrap } from '../src/main/db/connection';
import { runMigrations } from '../src/main/db/migrate';
import { generateDemo } from '../src/main/demo/generate';
import { chromiumArgs, chromiumPath } from '../test/e2e/support/chromium';

const file = process.argv[2] ?? 'data/bench-1m.sqlite';
const host = join('out', 'main', 'host.js');
if (!existsSync(file)) {
  console.error(`No database at ${file}. Make one: npm run demo -- --interventions 1000000 --out ${file}`);
  process.exit(2);
}
if (!existsSync(host)) {
  console.error('No built app: run npx electron-vite build first.');
  process.exit(2);
}
const DAY = 86_400_000;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))] ?? NaN;
const ms = (x: number) => `${x.toFixed(2)} ms`;

async function monthFetch(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-bench-cal-'));
  const { app } = openApp({ dataDir, dbPath: file, mode: 'browser', version: 'bench', log: () => {} });
  try {
    const dispatch = createDispatcher(app, { log: (e) => console.error(e) }).call;
    const caller: Caller = { transport: 'ipc', token: null };
    const login = await dispatch(caller, 'auth.login', { login: 'admin', password: 'demo' });
    if (!login.ok) throw new Error(login.error.message);
    // As after the app's start-up: the clients' names read in the background (calendar/names.ts).
    const t0 = performance.now();
    app.calendarNames.start();
    await app.calendarNames.done;
    const warmed = performance.now() - t0;
    const latest = app.ctx.raw.prepare('SELECT max(planned_start) FROM interventions WHERE deleted_at IS NULL').pluck().get() as number;
    // The same range read bare, as capped: the first 2,001 by planned start (the index's order).
    const raw = app.ctx.raw.prepare('SELECT id, planned_start, planned_end FROM interventions WHERE deleted_at IS NULL AND planned_start >= ? AND planned_start < ? ORDER BY planned_start LIMIT 2001');
    const api: number[] = [];
    const cold: number[] = [];
    const bare: number[] = [];
    const counts: number[] = [];
    let capped = 0;
    // The first round warms the page cache (and is shown apart).
    for (let round = 0; round < 3; round++) {
      for (let m = 0; m < 24; m++) {
        const from = latest - (m + 1) * 30 * DAY;
        const to = from + 42 * DAY; // a month view shows six weeks
        // In the first round the bare range goes first: it brings the month's pages into the
        // cache, so the API's first read differs from its later ones by the names alone.
        if (round === 0) raw.all(from, to);
        let t = performance.now();
        const r = await dispatch(caller, 'calendar.events', { from, to, filters: {} });
        const took = performance.now() - t;
        if (!r.ok) throw new Error(r.error.message);
        t = performance.now();
        raw.all(from, to);
        const tookRaw = performance.now() - t;
        // The first round reads each month once (its names read at start-up: calendar/names.ts).
        if (round === 0) {
          cold.push(took);
          continue;
        }
        api.push(took);
        bare.push(tookRaw);
        const value = r.value as { events: unknown[]; more: boolean };
        counts.push(value.events.length);
        if (value.more) capped++;
      }
    }
    console.log('1. A month view\'s events from main (six weeks), 24 months, 2 rounds each');
    console.log(`   events per month view: p50 ${pct(counts, 50)}, max ${Math.max(...counts)} (${capped} of ${counts.length} reads held more than the cap and said so)`);
    console.log(`   calendar.events   p50 ${ms(pct(api, 50))}  p95 ${ms(pct(api, 95))}  max ${ms(Math.max(...api))}`);
    console.log(`   first read of each month (its pages cold)  p50 ${ms(pct(cold, 50))}  p95 ${ms(pct(cold, 95))}; the clients' names were read at start-up, ${warmed.toFixed(0)} ms in batches of 5,000`);
    console.log(`   raw capped range  p50 ${ms(pct(bare, 50))}  p95 ${ms(pct(bare, 95))}`);
    console.log(`   ratio p95         ${(pct(api, 95) / pct(bare, 95)).toFixed(2)}x (target ≤ 50 ms p95)`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A small demo with 2,000 interventions planned in the week after the pinned clock's. */
function weekDatabase(dir: string, clock: number): { path: string; weekStart: number } {
  const path = join(dir, 'week.sqlite');
  const raw = openRaw(path);
  runMigrations(wrap(raw), path);
  generateDemo(raw, { interventions: 2000, now: new Date(clock) });
  const d = new Date(clock);
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - ((d.getUTCDay() + 6) % 7) * DAY;
  const weekStart = monday + 7 * DAY;
  // Copies of existing interventions, moved into that week between 07:00 and 19:00.
  const source = raw.prepare('SELECT * FROM interventions WHERE deleted_at IS NULL LIMIT 2000').all() as Record<string, unknown>[];
  const cols = Object.keys(source[0]!);
  const insert = raw.prepare(`INSERT INTO interventions (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  // Each copy keeps its source's technicians (rows of its own, so the derived list agrees).
  const team = raw.prepare(
    `INSERT INTO intervention_technicians (id, created_at, updated_at, version, intervention_id, person_id, answer)
     SELECT ?, created_at, updated_at, 1, ?, person_id, 'pending' FROM intervention_technicians WHERE intervention_id = ? AND deleted_at IS NULL AND person_id = ?`,
  );
  const people = raw.prepare('SELECT person_id FROM intervention_technicians WHERE intervention_id = ? AND deleted_at IS NULL').pluck();
  raw.transaction(() => {
    source.forEach((row, i) => {
      const start = weekStart + (i % 7) * DAY + 7 * 3_600_000 + ((i * 37) % 48) * 15 * 60_000;
      const id = uuidv7();
      insert.run(...cols.map((c) => (c === 'id' ? id : c === 'number' ? null : c === 'planned_start' ? start : c === 'planned_end' ? start + 3_600_000 : c === 'status' ? 'taken' : c === 'finalized_at' || c === 'cancelled_at' ? null : row[c])));
      for (const person of people.all(row.id) as string[]) team.run(uuidv7(), id, row.id, person);
    });
  })();
  raw.close();
  return { path, weekStart };
}

async function weekRender(): Promise<void> {
  const PORT = 4482;
  const clock = '2026-11-16T12:00:00Z';
  const dir = mkdtempSync(join(tmpdir(), 'cc-bench-week-'));
  const { path, weekStart } = weekDatabase(dir, Date.parse(clock));
  const child: ChildProcess = spawn(process.execPath, [host, '--port', String(PORT), '--data-dir', dir, '--db', path, '--clock', clock], { stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, TZ: 'UTC' } });
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    for (let i = 0; i < 300; i++) {
      try {
        if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) break;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 }, baseURL: `http://127.0.0.1:${PORT}`, timezoneId: 'UTC' });
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto('/');
    await page.getByTestId('login-user').fill('admin');
    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('statusbar-user').waitFor();
    await page.getByTestId('nav-calendar').click();
    await page.locator('.fc-timeGridWeek-view').waitFor();
    await page.getByTestId('calendar-previews').click(); // no contracts here: the interventions' read alone
    const runs: { render: number; events: number }[] = [];
    for (let run = 0; run < 6; run++) {
      // Next week (2,000 events), timed from the click until every event is drawn: the count of
      // events stops changing for three frames after its last change.
      const result = await page.evaluate(async () => {
        const start = performance.now();
        document.querySelector<HTMLButtonElement>('.fc-next-button')!.click();
        let last = -1;
        let stable = 0;
        let lastChange = start;
        for (;;) {
          await new Promise((r) => requestAnimationFrame(r));
          // Events drawn and "+N" links (a column shows a few side by side, the link the rest).
          const n = document.querySelectorAll('.fc-timegrid-event-harness .fc-event, .fc-timegrid-more-link').length;
          if (n !== last) {
            last = n;
            stable = 0;
            lastChange = performance.now();
          } else if (n > 0 && ++stable >= 3) break;
          if (performance.now() - start > 20_000) break;
        }
        return { render: lastChange - start, events: last };
      });
      runs.push(result);
      await page.locator('.fc-prev-button').click();
      await page.waitForTimeout(300);
    }
    // The read alone, from the same page over one WebSocket of its own (connected first), timed
    // in the page from the send to the parsed answer: what the calendar waits for.
    const read = await page.evaluate(
      ([from, to]) =>
        new Promise<{ times: number[]; bytes: number }>((resolve, reject) => {
          const ws = new WebSocket(`${location.origin.replace('http', 'ws')}/api`);
          const times: number[] = [];
          let bytes = 0;
          let sent = 0;
          const send = () => {
            sent = performance.now();
            ws.send(JSON.stringify({ id: times.length + 1, method: 'calendar.events', input: { from, to, filters: {} } }));
          };
          ws.onopen = send;
          ws.onerror = () => reject(new Error('the WebSocket failed'));
          ws.onmessage = (e) => {
            const text = String(e.data);
            const msg = JSON.parse(text) as { id?: number; result?: { ok: boolean } };
            if (msg.id !== times.length + 1) return;
            if (!msg.result?.ok) return reject(new Error(text.slice(0, 200)));
            times.push(performance.now() - sent);
            bytes = text.length;
            if (times.length < 7) send();
            else {
              ws.close();
              resolve({ times, bytes });
            }
          };
        }),
      [weekStart, weekStart + 7 * DAY] as const,
    );
    const reads = read.times;
    const renders = runs.slice(1).map((r) => r.render);
    console.log('');
    console.log(`2. A week view with ${runs.at(-1)!.events} events drawn, Chromium ${browser.version()}, 1600x900 (5 runs after a warm-up)`);
    console.log(`   click → every event drawn   p50 ${ms(pct(renders, 50))}  max ${ms(Math.max(...renders))} (target ≤ 500 ms)`);
    console.log(`   the week's read alone       p50 ${ms(pct(reads.slice(1), 50))} (${Math.round(read.bytes / 1024)} KB of JSON, sent to the parsed answer in the page)`);
  } finally {
    await browser.close();
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  await monthFetch();
  await weekRender();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
