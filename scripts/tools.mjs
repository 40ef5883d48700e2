// Runs the project's command-line tools through Node itself, not through npx or a shell: the
// same on Windows (no .cmd shims) and in paths with spaces.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('..', import.meta.url));

/** The script of a package's command (its package.json "bin"), read from node_modules directly: some packages do not export it. */
export function toolScript(pkg, command = pkg) {
  const dir = join(root, 'node_modules', pkg);
  const { bin } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  return join(dir, typeof bin === 'string' ? bin : bin[command]);
}

/** Runs a package's command with Node; its exit status (1 when it was killed). */
export function runTool(pkg, args, options = {}) {
  const r = spawnSync(process.execPath, [toolScript(pkg, options.command), ...args], { cwd: options.cwd ?? root, stdio: options.stdio ?? 'inherit' });
  return r.status ?? 1;
}
