/*
 * Benchmark of the interventions grid as the operator feels it, in Chromium (not a test: it
 * prints figures). The app runs in browser mode on a large demo database; the page is driven by
 * Playwright and measured from inside: frames (requestAnimationFrame), long tasks
 * (PerformanceObserver), and in each frame whether any line in view is still a blank skeleton.
 *
 *   npm run demo -- --interventions 1000000 --out data/bench-1m.sqlite   (once, ~2 min)
 *   npx electron-vite build                                              (the app the host serves)
 *   npm run bench:grid-ui -- data/bench-1m.sqlite
 *
 * Scrolling: wheel (notches of 100 px), fling (a flick's decaying deltas) and thumb drag (the
 * scroll position set every frame from top to bottom over two seconds, as a dragged scrollbar
 * thumb does; a headless browser's scrollbar cannot be grabbed reliably). Then time to rows:
 * from a click to rows (no skeleton) on screen, for the first sort by client name after the
 * host started, a jump to the middle of that order, grouping by status then client, and the
 * first open of a status group with its tens of thousands of client subgroups.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumArgs, chromiumPath } from '../test/e2e/support/chromium';
import { api } from '../test/e2e/support/api';

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
const PORT = 4481;

async function startHost(): Promise<{ child: ChildProcess; dataDir: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cc-grid-ui-'));
  const child = spawn(process.execPath, [host, '--port', String(PORT), '--data-dir', dataDir, '--db', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/`)).ok) return { child, dataDir };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill();
  throw new Error('The host did not start.');
}

/** Installed in the page: records frames, long tasks and blank frames while `on`. */
function instrument(): void {
  interface Perf {
    on: boolean;
    frames: number[];
    blank: number;
    stale: number;
    long: number[];
  }
  const w = window as unknown as { __perf: Perf };
  w.__perf = { on: false, frames: [], blank: 0, stale: 0, long: [] };
  new PerformanceObserver((list) => {
    if (w.__perf.on) for (const e of list.getEntries()) w.__perf.long.push(e.duration);
  }).observe({ entryTypes: ['longtask'] });
  const tick = (t: number) => {
    const p = w.__perf;
    if (p.on) {
      p.frames.push(t);
      const grid = document.querySelector('[data-testid="grid"]');
      if (grid) {
        const box = grid.getBoundingClientRect();
        // A line in view with no content: a skeleton (or nothing at all where rows should be).
        const inView = (el: Element) => {
          const r = el.getBoundingClientRect();
          return r.bottom > box.top + 30 && r.top < box.bottom;
        };
        const skeleton = [...grid.querySelectorAll('[data-testid="grid-row-loading"]')].some(inView);
        const shown = [...grid.querySelectorAll('[data-testid="grid-row"]')].some(inView);
        if (skeleton || !shown) p.blank++;
        // The last complete rows kept while a jump's rows arrive (dimmed): content, not blank.
        if (grid.querySelector('[data-stale]')) p.stale++;
      }
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

interface Figures {
  fps: number;
  p95: number;
  longTasks: number;
  longestTask: number;
  blankShare: number;
  staleShare: number;
}

async function measure(page: Page, drive: () => Promise<void>): Promise<Figures> {
  await page.evaluate(() => {
    const p = (window as unknown as { __perf: { on: boolean; frames: number[]; blank: number; long: number[] } }).__perf;
    Object.assign(p, { on: true, frames: [], blank: 0, stale: 0, long: [] });
  });
  await drive();
  // Let the last rows arrive: what follows the gesture counts too.
  await page.waitForTimeout(300);
  const p = await page.evaluate(() => {
    const perf = (window as unknown as { __perf: { on: boolean; frames: number[]; blank: number; stale: number; long: number[] } }).__perf;
    perf.on = false;
    return { frames: perf.frames, blank: perf.blank, stale: perf.stale, long: perf.long };
  });
  const gaps = p.frames.slice(1).map((t, i) => t - p.frames[i]!);
  const sorted = [...gaps].sort((a, b) => a - b);
  const seconds = (p.frames[p.frames.length - 1]! - p.frames[0]!) / 1000;
  return {
    fps: (p.frames.length - 1) / seconds,
    p95: sorted[Math.floor(sorted.length * 0.95)] ?? NaN,
    longTasks: p.long.length,
    longestTask: Math.max(0, ...p.long),
    blankShare: p.blank / p.frames.length,
    staleShare: p.stale / p.frames.length,
  };
}

/** Sets the grid's scroll position every frame, top to bottom over `ms`, as a dragged thumb does. */
async function thumbDrag(page: Page, ms: number): Promise<void> {
  await page.evaluate(
    (duration) =>
      new Promise<void>((done) => {
        const grid = document.querySelector('[data-testid="grid"]') as HTMLElement;
        const start = performance.now();
        const max = grid.scrollHeight - grid.clientHeight;
        const step = (t: number) => {
          const f = Math.min(1, (t - start) / duration);
          grid.scrollTop = Math.round(f * max);
          if (f < 1) requestAnimationFrame(step);
          else done();
        };
        requestAnimationFrame(step);
      }),
    ms,
  );
}

/** What must be on screen besides rows without skeletons: the first row changed, a deep row, a subgroup. */
type Ready = { kind: 'firstRowIsNot'; id: string | null } | { kind: 'positionBeyond'; position: number } | { kind: 'subgroup' };

/** Milliseconds from `act` until rows fill the view (no skeleton in view) and `ready` holds. */
async function timeToRows(page: Page, act: () => Promise<void>, ready: Ready): Promise<number> {
  const t0 = await page.evaluate(() => performance.now());
  await act();
  const handle = await page.waitForFunction(
    ([want, since]) => {
      const grid = document.querySelector('[data-testid="grid"]');
      if (!grid) return false;
      const box = grid.getBoundingClientRect();
      const inView = (el: Element) => {
        const r = el.getBoundingClientRect();
        return r.bottom > box.top + 30 && r.top < box.bottom;
      };
      if ([...grid.querySelectorAll('[data-testid="grid-row-loading"]')].some(inView)) return false;
      const rows = [...grid.querySelectorAll('[data-testid="grid-row"]')].filter(inView);
      const holds =
        want.kind === 'firstRowIsNot'
          ? rows.length > 0 && rows[0]!.getAttribute('data-row-id') !== want.id
          : want.kind === 'positionBeyond'
            ? rows.some((r) => Number(r.getAttribute('data-position')) > want.position)
            : grid.querySelector('[data-testid="group-row"][data-level="1"]') !== null;
      return holds ? performance.now() - since : false;
    },
    [ready, t0] as const,
    { polling: 'raf', timeout: 60_000 },
  );
  return (await handle.jsonValue()) as number;
}

/**
 * With --profile: the page's CPU profile around `run`, as the functions with the most time of
 * their own (where to look when a figure is off).
 */
async function profiled<T>(page: Page, label: string, run: () => Promise<T>): Promise<T> {
  if (!process.argv.includes('--profile')) return run();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const result = await run();
  const { profile } = await cdp.send('Profiler.stop');
  const self = new Map<string, number>();
  const dt = profile.timeDeltas ?? [];
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  (profile.samples ?? []).forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const f = n.callFrame;
    const name = `${f.functionName || '(anonymous)'} ${f.url.split('/').pop() ?? ''}:${f.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (dt[i] ?? 0) / 1000);
  });
  console.log(`  profile of ${label}: self time (ms)`);
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`    ${ms.toFixed(1).padStart(8)}  ${name}`);
  await cdp.detach();
  return result;
}

async function main(): Promise<void> {
  const { child, dataDir } = await startHost();
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, baseURL: `http://127.0.0.1:${PORT}` });
    // tsx keeps function names with a helper the functions sent to the page then call.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto('/');
    await page.getByTestId('login-user').fill('admin');
    await page.getByTestId('login-password').fill('demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('statusbar-user').waitFor();
    // The steps below find options by their English names, whatever the database's user chose.
    await api(page, 'session.setLanguage', { language: 'en' });
    await page.reload();
    await page.getByTestId('nav-interventions').click();
    await page.locator('[data-testid="grid-row"]').first().waitFor();
    await page.evaluate(instrument);
    const count = await page.getByTestId('result-count').getAttribute('data-count');
    console.log(`Database: ${file} (${Number(count).toLocaleString('en')} interventions in the view); Chromium ${browser.version()}, 1440x900`);
    console.log('');

    const grid = page.getByTestId('grid');
    const box = (await grid.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    const rows: [string, Figures, string][] = [];
    rows.push([
      'wheel (100 px notches, 2 s)',
      await measure(page, async () => {
        for (let i = 0; i < 120; i++) {
          await page.mouse.wheel(0, 100);
          await page.waitForTimeout(16);
        }
      }),
      '≥50 fps, no blank',
    ]);
    rows.push([
      'fling (decaying deltas)',
      await profiled(page, 'the fling', () =>
        measure(page, async () => {
          for (let d = 6000; d > 50; d *= 0.9) {
            await page.mouse.wheel(0, d);
            await page.waitForTimeout(16);
          }
        }),
      ),
      '≥50 fps, no blank',
    ]);
    rows.push(['thumb drag, top to bottom (2 s)', await profiled(page, 'the thumb drag', () => measure(page, () => thumbDrag(page, 2000))), '≥50 fps, content every frame']);
    await grid.evaluate((el) => {
      el.scrollTop = 0;
    });

    const pad = (s: string, n: number) => s.padEnd(n);
    const num = (v: number, d = 1) => v.toFixed(d).padStart(9);
    const share = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(14);
    console.log(`${pad('scrolling', 36)}      fps  p95 ms  long tasks  longest ms  blank frames  last known  target`);
    for (const [name, f, target] of rows) {
      console.log(`${pad(name, 36)}${num(f.fps)}${num(f.p95)}${String(f.longTasks).padStart(12)}${num(f.longestTask, 0).padStart(12)}${share(f.blankShare)}${share(f.staleShare).slice(2)}  ${target}`);
    }
    console.log('(blank: a line in view without content; last known: the last complete rows shown, dimmed, while a jump loads)');
    console.log('');

    const firstRow = () => page.locator('[data-testid="grid-row"]').first().getAttribute('data-row-id');
    const before = await firstRow();
    const times: [string, number][] = [];
    times.push([
      'first sort by client name',
      await profiled(page, 'the first sort', () => timeToRows(page, () => page.locator('[data-col-header="client"]').click(), { kind: 'firstRowIsNot', id: before })),
    ]);
    times.push([
      'then a jump to the middle of that order',
      await timeToRows(
        page,
        async () => {
          await grid.evaluate((el) => {
            el.scrollTop = (el.scrollHeight - el.clientHeight) / 2;
          });
        },
        { kind: 'positionBeyond', position: Math.floor(Number(count) / 2.5) },
      ),
    ]);
    await grid.evaluate((el) => {
      el.scrollTop = 0;
    });
    await page.getByTestId('group-by').click();
    await page.getByRole('option', { name: 'Status' }).click();
    await page.getByRole('option', { name: 'Client' }).click();
    await page.keyboard.press('Escape');
    await page.locator('[data-testid="group-row"][data-level="0"]').first().waitFor();
    // The status with the most interventions: the most client subgroups to open.
    const biggest = await page.evaluate(() => {
      let best: { key: string; n: number } | null = null;
      for (const g of document.querySelectorAll('[data-testid="group-row"][data-level="0"]')) {
        const n = Number(g.querySelector('[data-testid="group-count"]')?.getAttribute('data-count') ?? g.querySelector('[data-testid="group-count"]')?.textContent?.replace(/\D/g, ''));
        if (!best || n > best.n) best = { key: g.getAttribute('data-group-key') ?? '', n };
      }
      return best;
    });
    times.push([
      `first open of the biggest status group (${(biggest?.n ?? 0).toLocaleString('en')})`,
      await profiled(page, 'the group open', () =>
        timeToRows(page, () => page.locator(`[data-testid="group-row"][data-level="0"][data-group-key="${biggest?.key ?? ''}"]`).click(), { kind: 'subgroup' }),
      ),
    ]);
    const subgroups = await page.evaluate(() => document.querySelectorAll('[data-testid="group-row"][data-level="1"]').length);
    console.log(`${pad('time to rows', 60)}       ms  target`);
    for (const [name, ms] of times) console.log(`${pad(name, 60)}${num(ms, 0)}  ≤250 ms`);
    console.log(`(${subgroups} client subgroups drawn in view after the open)`);
  } finally {
    await browser.close();
    child.kill();
    await new Promise((r) => child.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
