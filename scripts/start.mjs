// `npm start`: builds when the sources changed, then opens the desktop app when Electron's
// runtime is installed and a display is available, otherwise browser mode.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { electronBinary } from './electron-runtime.mjs';
import { electronSqliteBinding } from './electron-native.mjs';

const root = new URL('..', import.meta.url).pathname;
const args = process.argv.slice(2);

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = join(root, 'out/main/host.js');
if (!existsSync(built) || newest(join(root, 'src')) > statSync(built).mtimeMs) {
  console.log('Building the app …');
  const r = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = electronBinary();
const wantBrowser = args.includes('--browser');

function run(cmd, cmdArgs, env = process.env) {
  const child = spawn(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

if (electron && hasDisplay && !wantBrowser) {
  const binding = electronSqliteBinding();
  if (binding) run(electron, ['.', ...args], { ...process.env, CC_SQLITE_NATIVE_BINDING: binding });
  else {
    console.log('The SQLite driver could not be built for Electron; starting browser mode instead.');
    run(process.execPath, [built, '--open', ...args.filter((a) => a !== '--browser')]);
  }
} else {
  const why = !electron ? "Electron's runtime is not installed" : !hasDisplay ? 'no display found' : 'browser mode asked for';
  console.log(`${why}: starting browser mode (the app in your browser).`);
  run(process.execPath, [built, '--open', ...args.filter((a) => a !== '--browser')]);
}
