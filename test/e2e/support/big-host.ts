import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigPort } from './ports';

/*
 * The host on a 1,000,000-intervention database, for the tests about scale. Making that database
 * takes two to three minutes of one core; as a Playwright web server it held every test back that
 * long. Started here in the background instead, it is made while the first specs run (with the
 * lower priority, so they keep the machine first), and only the tests that need it wait for it.
 */

const root = join(__dirname, '../../..');
const log = join(root, '.tmp', `e2e-big-${bigPort}.log`);
const exitFile = join(root, '.tmp', `e2e-big-${bigPort}.exit`);
const bigUrl = `http://127.0.0.1:${bigPort}/`;

/** Starts the host in its own process group; answers the function that stops it and cleans up. */
export function startBigHost(env: Record<string, string>): () => Promise<void> {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  rmSync(exitFile, { force: true });
  const out = openSync(log, 'w');
  const child = spawn('nice', ['-n', '10', process.execPath, join(root, 'test/e2e/support/start-host.mjs'), String(bigPort), '--big', '1000000'], {
    cwd: root,
    env,
    detached: true,
    stdio: ['ignore', out, out],
  });
  closeSync(out);
  const exited = new Promise<void>((resolve) => {
    child.on('exit', (code, signal) => {
      writeFileSync(exitFile, `${code ?? signal}`);
      resolve();
    });
  });
  return async () => {
    // The whole group: during generation the generator is a child of the host's starter.
    try {
      process.kill(-child.pid!, 'SIGTERM');
    } catch {
      // Already gone.
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 15_000))]);
    // Killed mid-generation the starter cannot clean up after itself: its ~2 GB folder goes here.
    rmSync(join(root, '.tmp', `e2e-${bigPort}`), { recursive: true, force: true });
  };
}

/** The end of the host's output, for a failure's message. */
const logTail = () => (existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '');

/** Waits until the host answers; fails at once, with its output, when it stopped instead. */
export async function waitForBigHost(timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(exitFile)) {
      throw new Error(`The 1,000,000-intervention host stopped (${readFileSync(exitFile, 'utf8')}):\n${logTail()}`);
    }
    try {
      if ((await fetch(bigUrl)).ok) return;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > until) throw new Error(`The 1,000,000-intervention host did not answer within ${timeoutMs / 1000} s:\n${logTail()}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
