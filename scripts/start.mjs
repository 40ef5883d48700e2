// `npm start`: builds when the sources changed, then opens the desktop app when Electron's
// runtime is installed, a display is available and its sandbox can start; otherwise browser mode
// (saying why in one line, and what to do when there is something to do).
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { electronBinary } from './electron-runtime.mjs';
import { electronSqliteBinding } from './electron-native.mjs';
import { helperCommand, helperPathOf, machineFacts, sandboxFailedIn, sandboxProblem } from './electron-sandbox.mjs';
import { root, runTool } from './tools.mjs';

const args = process.argv.slice(2);

function newest(dir) {
  let t = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    t = Math.max(t, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const built = join(root, 'out', 'main', 'host.js');
if (!existsSync(built) || newest(join(root, 'src')) > statSync(built).mtimeMs) {
  console.log('Building the app …');
  const status = runTool('electron-vite', ['build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (status !== 0) process.exit(status);
}

/** The exit status of a child: its code, or 128 + the signal's number (a crash is never "success"). */
const statusOf = (code, signal) => code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1);

function forwardSignals(child) {
  const forward = (sig) => child.kill(sig);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return () => {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  };
}

function browserMode(why) {
  console.log(`${why}: starting browser mode (the app in your browser).`);
  const child = spawn(process.execPath, [built, '--open', ...args], { cwd: root, stdio: 'inherit' });
  forwardSignals(child);
  child.on('exit', (code, signal) => process.exit(statusOf(code, signal)));
}

/**
 * The desktop app. Its error output is passed through and watched: should its sandbox still fail
 * to start (a case the check before missed), say so and start browser mode instead of ending.
 */
function desktop(electron, binding) {
  const child = spawn(electron, ['.', ...args], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'], env: { ...process.env, CC_SQLITE_NATIVE_BINDING: binding } });
  let errors = '';
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    if (errors.length < 65_536) errors += chunk.toString();
  });
  const unforward = forwardSignals(child);
  child.on('exit', (code, signal) => {
    unforward();
    if (statusOf(code, signal) !== 0 && sandboxFailedIn(errors)) {
      browserMode(`Electron's sandbox could not start; to open the desktop app, ${helperCommand(helperPathOf(electron))}`);
    } else process.exit(statusOf(code, signal));
  });
}

const hasDisplay = process.platform !== 'linux' || Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
const electron = electronBinary();

if (args.includes('--browser')) browserMode('Browser mode asked for');
else if (!electron) browserMode("Electron's runtime is not installed");
else if (!hasDisplay) browserMode('No display found');
else {
  const problem = sandboxProblem(machineFacts(electron));
  if (problem) browserMode(`${problem.why}; to open the desktop app, ${problem.fix}`);
  else {
    const binding = electronSqliteBinding();
    if (binding) desktop(electron, binding);
    else browserMode('The SQLite driver could not be built for Electron');
  }
}
