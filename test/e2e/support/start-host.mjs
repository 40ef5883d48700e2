// Starts the browser-mode host for the end-to-end tests on a fresh data folder, so every run
// begins from the same demo database (created by the host itself, as on a user's first start).
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('../../..', import.meta.url).pathname;
const port = process.argv[2] ?? '4399';
const dataDir = join(root, '.tmp', `e2e-${port}`);
rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const child = spawn(process.execPath, [join(root, 'out/main/host.js'), '--port', port, '--data-dir', dataDir], { stdio: 'inherit' });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
