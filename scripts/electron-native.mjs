// Electron and Node need differently built copies of the SQLite driver. Node's stays in
// node_modules (tests, browser mode); Electron's is built once into .electron-native/ and
// handed to better-sqlite3 through its nativeBinding option (CC_SQLITE_NATIVE_BINDING).
// Packaged apps do not need this: electron-builder rebuilds the driver for Electron itself.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { electronVersion } from './electron-runtime.mjs';

const require = createRequire(import.meta.url);
const root = new URL('..', import.meta.url).pathname;

export function electronSqliteBinding() {
  const version = electronVersion();
  const dir = join(root, '.electron-native', version, 'better-sqlite3');
  const binding = join(dir, 'build/Release/better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building the SQLite driver for Electron ${version} (once) …`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  cpSync(dirname(require.resolve('better-sqlite3/package.json')), dir, { recursive: true, filter: (p) => !p.includes(`${'/'}build${'/'}`) });
  const r = spawnSync(
    'npx',
    ['node-gyp', 'rebuild', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'],
    { cwd: dir, stdio: 'inherit' },
  );
  return r.status === 0 && existsSync(binding) ? binding : null;
}
