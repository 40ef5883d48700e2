import { spawn } from 'node:child_process';

/*
 * A test's program run as a process of its own (node with tsx), so that a SIGKILL can end it at
 * any instruction, as a power cut or a killed app would; and the way such a program ends.
 */

export interface Run {
  /** What it printed, a line each (and its stderr when it failed). */
  lines: string[];
  kill(): void;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function runProcess(script: string, args: readonly string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  const lines: string[] = [];
  let err = '';
  child.stdout.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, signal) => {
      if (code) lines.push(`stderr: ${err}`);
      resolve({ code, signal });
    }),
  );
  return { lines, kill: () => child.kill('SIGKILL'), exited };
}

/** Runs a process's main and exits with 0, or with 1 and its error's message on stderr. */
export function exitWhenDone(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : String(e));
      process.exit(1);
    },
  );
}
