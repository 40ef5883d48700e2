import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { SingleBar, Presets } from 'cli-progress';
import { openRaw, wrap } from '../db/connection';
import { runMigrations } from '../db/migrate';
import { clockFrom } from '../core/clock';
import { DEFAULT_SEED, generateDemo, type DemoSummary } from './generate';

const USAGE = `Usage: npm run demo -- --interventions N [--clients N] [--out FILE] [--seed S] [--now INSTANT] [--force]

  --interventions N  how many interventions to generate (default 10000)
  --clients N        how many clients (default one per 20 interventions, at least 200)
  --out FILE         database file to create (default data/demo.sqlite)
  --seed S           seed of the generator: same seed, same data (default ${DEFAULT_SEED})
  --now INSTANT      the data's "today", like 2026-11-16T09:00:00Z (default CC_CLOCK, else now)
  --force            replace FILE if it exists`;

/** Exit codes: 1 the file exists or generation failed, 2 bad arguments. */
function fail(message: string, code: 1 | 2): never {
  process.stderr.write(`${message}\n`);
  if (code === 2) process.stderr.write(`\n${USAGE}\n`);
  process.exit(code);
}

function nonNegativeInteger(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.replace(/_/g, ''))) fail(`--${name} must be a whole number of 0 or more, got "${value}".`, 2);
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isSafeInteger(n)) fail(`--${name} is too large: ${value}.`, 2);
  return n;
}

/** Joins "--interventions -5" into "--interventions=-5", so a negative number gets our message, not parseArgs'. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    const next = argv[i + 1];
    if (['--interventions', '-n', '--seed', '--clients'].includes(a) && next !== undefined && /^-\d/.test(next)) {
      out.push(`${a === '-n' ? '--interventions' : a}=${next}`);
      i++;
    } else out.push(a);
  }
  return out;
}

function parse() {
  try {
    const { values } = parseArgs({
      args: joinNegativeValues(process.argv.slice(2)),
      options: {
        interventions: { type: 'string', short: 'n' },
        clients: { type: 'string' },
        out: { type: 'string', short: 'o' },
        seed: { type: 'string' },
        now: { type: 'string' },
        force: { type: 'boolean', short: 'f' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    }
    return {
      interventions: nonNegativeInteger('interventions', values.interventions, 10_000),
      clients: values.clients === undefined ? undefined : Math.max(1, nonNegativeInteger('clients', values.clients, 0)),
      seed: nonNegativeInteger('seed', values.seed, DEFAULT_SEED),
      out: resolve(values.out ?? 'data/demo.sqlite'),
      force: values.force ?? false,
      now: clockFrom(values.now ?? process.env.CC_CLOCK, values.now ? '--now' : 'CC_CLOCK')(),
    };
  } catch (e) {
    // parseArgs: unknown option, missing value, stray argument.
    fail((e as Error).message, 2);
  }
}

function progressReporter(total: number) {
  if (process.stdout.isTTY) {
    const bar = new SingleBar(
      { format: 'Interventions [{bar}] {percentage}% | {value}/{total} | {eta_formatted} left', hideCursor: true },
      Presets.shades_classic,
    );
    bar.start(total, 0);
    return { update: (done: number) => bar.update(done), stop: () => bar.stop() };
  }
  // Not a terminal (CI, a log file): one line per 10 %.
  let nextTenth = 1;
  return {
    update: (done: number) => {
      while (total > 0 && done >= (nextTenth * total) / 10 && nextTenth <= 10) {
        process.stdout.write(`  ${nextTenth * 10}% (${done.toLocaleString('en')} interventions)\n`);
        nextTenth++;
      }
    },
    stop: () => undefined,
  };
}

function printSummary(s: DemoSummary, file: string): void {
  const seconds = s.elapsedMs / 1000;
  const size = statSync(file).size;
  process.stdout.write(`\nCreated ${file} (${(size / 1024 / 1024).toFixed(1)} MiB) in ${seconds.toFixed(1)} s, seed ${s.seed}.\n`);
  for (const [table, n] of Object.entries(s.counts)) process.stdout.write(`  ${table.padEnd(26)} ${n.toLocaleString('en').padStart(12)}\n`);
  const rate = seconds > 0 ? Math.round(s.interventions / seconds) : 0;
  process.stdout.write(
    `Rate: ${rate.toLocaleString('en')} interventions/s (inserts ${s.phasesMs.insert} ms, indexes ${s.phasesMs.indexes} ms, search ${s.phasesMs.search} ms, ANALYZE ${s.phasesMs.analyze} ms).\n`,
  );
  process.stdout.write('\nDemo logins (password "demo"): admin, operator, supervisor, technician, auditor (read only).\n');
}

function main(): void {
  const args = parse();
  if (existsSync(args.out)) {
    if (!args.force) fail(`${args.out} already exists. Use --force to replace it.`, 1);
    for (const f of [args.out, `${args.out}-wal`, `${args.out}-shm`]) rmSync(f, { force: true });
  }
  mkdirSync(dirname(args.out), { recursive: true });

  const raw = openRaw(args.out);
  try {
    runMigrations(wrap(raw), args.out);
    process.stdout.write(`Generating ${args.interventions.toLocaleString('en')} interventions into ${args.out}\n`);
    const progress = progressReporter(args.interventions);
    const summary = generateDemo(raw, {
      interventions: args.interventions,
      ...(args.clients === undefined ? {} : { clients: args.clients }),
      seed: args.seed,
      now: new Date(args.now),
      onProgress: (done) => progress.update(done),
      onPhase: (phase) => {
        progress.stop();
        process.stdout.write(
          phase === 'indexes' ? 'Building indexes…\n' : phase === 'search' ? 'Building the quick-search index…\n' : 'Gathering statistics (ANALYZE)…\n',
        );
      },
    });
    // Fold the WAL into the file so that it is complete on its own and its size is honest.
    raw.pragma('wal_checkpoint(TRUNCATE)');
    raw.close();
    printSummary(summary, args.out);
  } catch (e) {
    if (raw.open) raw.close();
    fail(`Demo generation failed: ${(e as Error).message}`, 1);
  }
}

main();
