import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openApp, type App } from '../../src/main/app/open';

export const ADMIN_PASSWORD = 'admin-test-password';

export interface TempApp {
  app: App;
  dir: string;
  dispose(): Promise<void>;
}

/** A fresh app on its own database file in a temp folder, with a known admin password. */
export function tempApp(options: { now?: () => number } = {}): TempApp {
  const dir = mkdtempSync(join(tmpdir(), 'cc-test-'));
  const { app } = openApp({
    dataDir: dir,
    dbPath: join(dir, 'test.sqlite'),
    mode: 'browser',
    version: '0.0.0-test',
    log: () => {},
    adminPassword: ADMIN_PASSWORD,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    app,
    dir,
    async dispose() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function tempDir(): { dir: string; dispose(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cc-test-'));
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
