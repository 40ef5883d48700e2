import { homedir } from 'node:os';
import { posix, win32 } from 'node:path';

/**
 * Where a workstation keeps its database and files when nothing else is configured: one folder
 * per platform, the same for the desktop app and browser mode (README, "Where the data lives").
 * Windows: local AppData, not roaming: a database must not roam between machines with the profile.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.CC_DATA_DIR) return env.CC_DATA_DIR;
  const path = platform === 'win32' ? win32 : posix;
  const join = (...parts: string[]) => path.join(...parts);
  if (platform === 'win32') return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'callcenter');
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'callcenter');
  // XDG: an absolute XDG_DATA_HOME only (the specification says to ignore a relative one).
  const xdg = env.XDG_DATA_HOME?.startsWith('/') ? env.XDG_DATA_HOME : join(home, '.local', 'share');
  return join(xdg, 'callcenter');
}

export const DEMO_DB_NAME = 'demo.sqlite';
/** A first-start demo is big enough to show the app working, small enough to build in seconds. */
export const DEMO_INTERVENTIONS = 20_000;
