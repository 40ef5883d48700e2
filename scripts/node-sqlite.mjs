// Node's own copy of the SQLite driver (tests, browser mode) must load under this Node. Used after
// `npm install` and after `npm run dist`, whose packaging rebuilds node_modules' copy for Electron.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Checked in a child process: this one may already hold another build of the module. */
export function nodeSqliteWorks() {
  const r = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"], { cwd: root, stdio: 'pipe' });
  if (r.status !== 0) console.error(`better-sqlite3 does not load under Node ${process.version}: ${String(r.stderr).split('\n').find((l) => l.includes('Error')) ?? ''}`);
  return r.status === 0;
}

/** Builds node_modules' better-sqlite3 for this Node; true when it then loads. */
export function rebuildNodeSqlite() {
  console.log(`Building better-sqlite3 for Node ${process.version} …`);
  // npm through Node itself: no shell, so Windows and paths with spaces work alike.
  const npm = process.env.npm_execpath;
  const r = npm
    ? spawnSync(process.execPath, [npm, 'rebuild', 'better-sqlite3', '--build-from-source'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['rebuild', 'better-sqlite3', '--build-from-source'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0 && nodeSqliteWorks();
}
