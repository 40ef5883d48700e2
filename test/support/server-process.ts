import type { ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

/*
 * A server the tests run as a child process (Kamailio, Dovecot): ready once its port answers,
 * stopped with SIGTERM (SIGKILL if it lingers) and only once its port is free again, so that a
 * restart can bind it.
 */

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = connect({ host: '127.0.0.1', port }, () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}

/** Waits up to ten seconds for the port; false when the process ended first or never listened. */
export async function cameUp(child: ChildProcess, port: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (await listening(port)) return true;
    if (child.exitCode !== null) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

export async function stopServer(child: ChildProcess | null, port: number, graceMs: number): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, graceMs))]);
  if (child.exitCode === null) child.kill('SIGKILL');
  for (let i = 0; i < 50 && (await listening(port)); i++) await new Promise((r) => setTimeout(r, 100));
}
