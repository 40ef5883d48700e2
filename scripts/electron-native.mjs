// Electron and Node need differently built copies of the SQLite driver. Node's stays in
// node_modules (tests, browser mode); Electron's is built once into .electron-native/ and
// handed to better-sqlite3 through its nativeBinding option (CC_SQLITE_NATIVE_BINDING, honoured
// by development runs only). Packaged apps do not need this: electron-builder rebuilds the driver
// for Electron itself (and scripts/dist.mjs restores Node's copy afterwards).
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { electronVersion } from './electron-runtime.mjs';
import { root, runTool } from './tools.mjs';

/** Copy the driver's sources, not its build/ folder (judged inside the package: a checkout under a folder named "build" is fine). */
export function isDriverBuildOutput(packageDir, path) {
  const rel = relative(packageDir, path);
  return rel === 'build' || rel.startsWith(`build${sep}`);
}

export function electronSqliteBinding() {
  const version = electronVersion();
  const dir = join(root, '.electron-native', version, 'better-sqlite3');
  const binding = join(dir, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(`Building the SQLite driver for Electron ${version} (once) …`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dirname(dir), { recursive: true });
  const source = join(root, 'node_modules', 'better-sqlite3');
  cpSync(source, dir, { recursive: true, filter: (p) => !isDriverBuildOutput(source, p) });
  const status = runTool('node-gyp', ['rebuild', `--target=${version}`, '--runtime=electron', '--dist-url=https://electronjs.org/headers'], { cwd: dir });
  return status === 0 && existsSync(binding) ? binding : null;
}
