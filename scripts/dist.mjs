// `npm run dist`: build, package with electron-builder, then give node_modules back its Node copy
// of better-sqlite3. electron-builder (npmRebuild) rebuilds the project's own node_modules for
// Electron before copying them into the package; without this step `npm test` and browser mode
// would then fail with "was compiled against a different Node.js version".
import { nodeSqliteWorks, rebuildNodeSqlite } from './node-sqlite.mjs';
import { runTool } from './tools.mjs';

let status = runTool('electron-vite', ['build']);
if (status === 0) status = runTool('electron-builder', process.argv.slice(2));
if (!nodeSqliteWorks() && !rebuildNodeSqlite()) {
  console.error('better-sqlite3 could not be rebuilt for Node: run `npm rebuild better-sqlite3` before `npm test`.');
  status ||= 1;
}
process.exit(status);
