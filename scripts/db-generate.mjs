// Generates a SQLite migration from src/main/db/schema with drizzle-kit, then makes every new
// table STRICT (drizzle-kit cannot emit it): SQLite then refuses a string in an integer column
// instead of silently storing it. A test checks that every table is strict.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'migrations/sqlite';
const before = new Set(safeList(dir));
execFileSync('npx', ['drizzle-kit', 'generate', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const file of safeList(dir)) {
  if (before.has(file) || !file.endsWith('.sql')) continue;
  const path = join(dir, file);
  const sql = readFileSync(path, 'utf8');
  // drizzle-kit ends each CREATE TABLE with ");" on its own line followed by a breakpoint.
  const strict = sql.replace(/(CREATE TABLE `[^`]+` \([\s\S]*?\n\))(;)/g, '$1 STRICT$2');
  writeFileSync(path, strict);
  console.log(`made tables STRICT in ${path}`);
}

function safeList(d) {
  try {
    return readdirSync(d);
  } catch {
    return [];
  }
}
