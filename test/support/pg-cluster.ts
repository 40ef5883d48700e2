import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/*
 * A throwaway PostgreSQL cluster on 127.0.0.1 with its own port and socket folder: one for the
 * whole vitest run (test/setup/postgres.ts), one for the end-to-end sync spec.
 */

const OWNER_PASSWORD = 'owner-test-password';

function binDir(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).filter((v) => existsSync(join(root, v, 'bin/pg_ctl'))) : [];
  const newest = versions.sort((a, b) => Number(b) - Number(a))[0];
  if (!newest) throw new Error('PostgreSQL is not installed (Debian: apt-get install postgresql). scripts/test-deps.sh installs it as root.');
  return join(root, newest, 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Runs a PostgreSQL tool as the postgres user when we are root (initdb refuses root). */
function asPostgres(cmd: string, args: string[]): void {
  const root = process.getuid?.() === 0;
  const r = root ? spawnSync('runuser', ['-u', 'postgres', '--', cmd, ...args], { encoding: 'utf8' }) : spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} failed: ${r.stderr || r.stdout}`);
}

/**
 * Starts a cluster; answers its owner's URL, how to stop it (and remove its files), and how to
 * kill it as a crash would and start it again on the same files and port (the sync crash tests).
 */
export async function startCluster(options: { durable?: boolean; tls?: { cert: string; key: string } } = {}): Promise<{ ownerUrl: string; stop: () => void; kill: () => void; start: () => void }> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), 'cc-pg-'));
  const data = join(dir, 'data');
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, `${OWNER_PASSWORD}\n`);
  chmodSync(dir, 0o777);
  chmodSync(pwfile, 0o644);
  if (process.getuid?.() === 0) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  asPostgres(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth-local=trust', '--auth-host=scram-sha-256', `--pwfile=${pwfile}`, '-E', 'UTF8', '--no-sync']);
  const port = await freePort();
  // Fast and throwaway: nothing is flushed. `durable` keeps every commit it acknowledged through
  // a kill of the server (synchronous_commit on, as a real store runs; the OS keeps the files).
  const speed = options.durable ? '' : ' -c fsync=off -c synchronous_commit=off';
  let tls = '';
  if (options.tls) {
    // The server's own copies: PostgreSQL wants its key readable by itself only.
    copyFileSync(options.tls.cert, join(dir, 'server.crt'));
    copyFileSync(options.tls.key, join(dir, 'server.key'));
    if (process.getuid?.() === 0) execFileSync('chown', ['postgres:postgres', join(dir, 'server.crt'), join(dir, 'server.key')]);
    chmodSync(join(dir, 'server.key'), 0o600);
    tls = ` -c ssl=on -c ssl_cert_file=${join(dir, 'server.crt')} -c ssl_key_file=${join(dir, 'server.key')}`;
  }
  const opts = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir}${speed}${tls} -c max_connections=200`;
  const start = () => asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-o', opts, '-l', join(dir, 'log'), '-w', 'start']);
  start();
  const ownerUrl = `postgres://postgres:${OWNER_PASSWORD}@127.0.0.1:${port}/postgres`;
  // The group role every user's login is in, made once (the store's migration makes it when missing).
  const c = new pg.Client({ connectionString: ownerUrl });
  await c.connect();
  await c.query('CREATE ROLE cc_user NOLOGIN');
  await c.end();
  return {
    ownerUrl,
    start,
    kill: () => asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']),
    stop: () => {
      asPostgres(join(bin, 'pg_ctl'), ['-D', data, '-m', 'immediate', '-w', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
