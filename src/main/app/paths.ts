import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where a workstation keeps its database and files when nothing else is configured. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CC_DATA_DIR) return env.CC_DATA_DIR;
  if (process.platform === 'win32' && env.APPDATA) return join(env.APPDATA, 'callcenter');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'callcenter');
  return join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'callcenter');
}

export const DEMO_DB_NAME = 'demo.sqlite';
/** A first-start demo is big enough to show the app working, small enough to build in seconds. */
export const DEMO_INTERVENTIONS = 20_000;
