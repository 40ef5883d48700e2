// After `npm install`: make sure the SQLite driver works under this Node, and try to fetch
// Electron's runtime. The runtime download is optional (browser mode needs none): where it
// cannot be reached, install still succeeds and `npm start` uses browser mode.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { nodeSqliteWorks, rebuildNodeSqlite } from './node-sqlite.mjs';

const require = createRequire(import.meta.url);

if (!nodeSqliteWorks() && !rebuildNodeSqlite()) {
  console.error('better-sqlite3 could not be built: install python3, make and g++ (apt-get install build-essential python3) and run npm install again.');
  process.exit(1);
}

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') {
  console.log('Electron runtime download skipped (ELECTRON_SKIP_BINARY_DOWNLOAD=1).');
} else {
  const r = spawnSync(process.execPath, [require.resolve('electron/install.js')], { stdio: 'pipe', timeout: 300_000 });
  if (r.status === 0) console.log('Electron runtime is installed: npm start opens the desktop app.');
  else console.log('Electron runtime could not be downloaded; npm start will use browser mode (the app in your browser).');
}
