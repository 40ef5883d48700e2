// Starts the browser-mode host for the end-to-end tests on a fresh data folder, so every run
// begins from the same demo database (created by the host itself, as on a user's first start).
// With --big N it first generates an N-intervention demo database and opens that instead.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;
const port = process.argv[2] ?? '4399';
const bigIndex = process.argv.indexOf('--big');
const big = bigIndex > 0 ? process.argv[bigIndex + 1] : null;
const dataDir = join(root, '.tmp', `e2e-${port}`);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
// CC_E2E_OUT: a build made with `electron-vite build --outDir <abs dir>` (parallel work on one tree).
const out = process.env.CC_E2E_OUT ?? join(root, 'out');
const args = [join(out, 'main/host.js'), '--port', port, '--data-dir', dataDir];
if (big) {
  const db = join(dataDir, `demo-${big}.sqlite`);
  const made = spawnSync(process.execPath, [join(root, 'node_modules/tsx/dist/cli.mjs'), join(root, 'src/main/demo/cli.ts'), '--interventions', big, '--out', db], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (made.status !== 0) process.exit(made.status ?? 1);
  args.push('--db', db);
}
const child = spawn(process.execPath, args, { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
// The big database is ~2 GB: leave nothing behind once the tests are done with the host.
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
