import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The first browser found on PATH that can open a URL; null when there is none (a server). */
export function findBrowser(env: NodeJS.ProcessEnv = process.env): string | null {
  const names = process.platform === 'linux' ? ['xdg-open', 'chromium', 'google-chrome', 'firefox'] : [];
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    for (const name of names) {
      try {
        accessSync(join(dir, name), constants.X_OK);
        return join(dir, name);
      } catch {
        // not here
      }
    }
  }
  return null;
}
