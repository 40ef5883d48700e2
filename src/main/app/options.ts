import { parseArgs } from 'node:util';
import { parseInstant } from '../core/clock';

/**
 * The command line of both entry points (browser mode's host and the desktop app), so
 * `npm start -- --db FILE` means the same whichever opens. Options win over variables.
 */
export interface AppCliOptions {
  dbPath?: string;
  dataDir?: string;
  /** Browser mode only: the address and port to listen on, and whether to open a browser. */
  host: string;
  port: number;
  open: boolean;
  /** Allowed Host names when bound beyond loopback. */
  publicHosts: string[];
  /** The instant the app's clock starts at (tests pin it); absent: the machine's clock. */
  clock?: string;
  /** Browser mode asked for (`npm start -- --browser`); the host itself ignores it. */
  browser: boolean;
}

const OPTIONS = {
  db: { type: 'string' },
  'data-dir': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  open: { type: 'boolean', default: false },
  browser: { type: 'boolean', default: false },
  'public-host': { type: 'string', multiple: true },
  clock: { type: 'string' },
} as const;

/**
 * Parses the command line; throws an Error with a readable message. `lenient` is for the desktop
 * app, whose command line may also carry Chromium's and Electron's own switches (--enable-logging,
 * --ozone-platform=wayland …): those are skipped, ours are still checked.
 */
export function parseAppArgs(argv: string[], env: NodeJS.ProcessEnv = process.env, lenient = false): AppCliOptions {
  const { values: raw } = parseArgs({ args: argv, options: OPTIONS, strict: !lenient, allowPositionals: lenient });
  const values = raw as { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? K extends 'public-host' ? string[] : string : boolean };
  for (const name of ['db', 'data-dir', 'host', 'port', 'clock'] as const) {
    // Lenient parsing turns "--db" with nothing after it into `true`: say what is missing instead.
    if (values[name] !== undefined && typeof values[name] !== 'string') throw new Error(`--${name} needs a value.`);
  }
  if (values['public-host']?.some((h) => typeof h !== 'string')) throw new Error('--public-host needs a value.');
  const port = Number(values.port ?? env.CC_PORT ?? 4310);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port ?? ''}".`);
  const host = values.host ?? env.CC_HOST ?? '127.0.0.1';
  const options: AppCliOptions = {
    host,
    port,
    open: values.open === true,
    browser: values.browser === true,
    publicHosts: values['public-host'] ?? [],
  };
  const db = values.db ?? env.CC_DB;
  if (db) options.dbPath = db;
  const dataDir = values['data-dir'] ?? env.CC_DATA_DIR;
  if (dataDir) options.dataDir = dataDir;
  const clock = values.clock ?? env.CC_CLOCK;
  if (clock) {
    parseInstant(clock, values.clock ? '--clock' : 'CC_CLOCK');
    options.clock = clock;
  }
  return options;
}
