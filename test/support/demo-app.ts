import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App, type OpenOptions } from '../../src/main/app/open';
import { openRaw, wrap } from '../../src/main/db/connection';
import { runMigrations } from '../../src/main/db/migrate';
import { generateDemo } from '../../src/main/demo/generate';

export interface DemoApp {
  app: App;
  dir: string;
  dispose(): Promise<void>;
}

/** An app on a small generated demo database (the same generator users get), in a temp folder. */
/** `clock` lets a test move the app's time on from `now` (the data is still made at `now`); `tuning`: the app's own. */
export function demoApp(
  interventions = 3000,
  now = new Date('2026-11-20T10:00:00Z'),
  clock: () => number = () => now.getTime(),
  tuning: Pick<OpenOptions, 'renameChunk'> = {},
): DemoApp {
  const dir = mkdtempSync(join(tmpdir(), 'cc-demo-'));
  const dbPath = join(dir, 'demo.sqlite');
  const raw = openRaw(dbPath);
  runMigrations(wrap(raw), dbPath);
  generateDemo(raw, { interventions, now });
  raw.close();
  const { app } = openApp({ dataDir: dir, dbPath, mode: 'browser', version: '0.0.0-test', log: () => {}, now: clock, ...tuning });
  return {
    app,
    dir,
    async dispose() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
