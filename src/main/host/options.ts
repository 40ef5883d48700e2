import { parseArgs } from 'node:util';
import { parseInstant } from '../core/clock';

export interface HostCliOptions {
  dbPath?: string;
  dataDir?: string;
  host: string;
  port: number;
  open: boolean;
  /** Allowed Host names when bound beyond loopback. */
  publicHosts: string[];
  /** The instant the app's clock starts at (tests pin it); absent: the machine's clock. */
  clock?: string;
}

/** Parses the browser-mode host's command line; throws an Error with a readable message. */
export function parseHostArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): HostCliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      'data-dir': { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      open: { type: 'boolean', default: false },
      'public-host': { type: 'string', multiple: true },
      clock: { type: 'string' },
    },
    strict: true,
  });
  const port = Number(values.port ?? env.CC_PORT ?? 4310);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a number from 0 to 65535, not "${values.port ?? ''}".`);
  const host = values.host ?? env.CC_HOST ?? '127.0.0.1';
  const options: HostCliOptions = { host, port, open: values.open ?? false, publicHosts: values['public-host'] ?? [] };
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
