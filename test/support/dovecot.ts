import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cameUp, stopServer } from './server-process';
import { freePort } from './pg-cluster';

/*
 * A real IMAP mailbox for the mail tests: Debian's Dovecot on 127.0.0.1 with its own port, its
 * own directories and a passwd-file of users, plaintext login (loopback counts as secure), mail
 * in Maildir. The config is the one that worked here (../shared/FACTS.md).
 */

export interface ImapServer {
  port: number;
  /** A user's Maildir, where a benchmark may drop a backlog of mail as a delivery agent would. */
  maildirOf(user: string): string;
  /** Stops it (an outage); `start` brings it back on the same port with the same mail. */
  stop(): Promise<void>;
  start(): Promise<void>;
  dispose(): Promise<void>;
  log(): string;
}

const NOBODY = 65534;

function config(dir: string, port: number): string {
  return `protocols = imap
listen = 127.0.0.1
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:~/Maildir
passdb {
  driver = passwd-file
  args = ${dir}/users
}
userdb {
  driver = passwd-file
  args = ${dir}/users
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service pop3-login {
  inet_listener pop3 {
    port = 0
  }
}
`;
}

/** Starts Dovecot with these users (address → password); throws with what is missing when it is not installed. */
export async function startDovecot(users: Record<string, string>): Promise<ImapServer> {
  const bin = ['/usr/sbin/dovecot', '/usr/local/sbin/dovecot'].find((p) => existsSync(p));
  if (!bin) throw new Error('Dovecot is not installed (Debian: apt-get install dovecot-imapd). scripts/test-deps.sh installs it as root.');
  const dir = mkdtempSync(join(tmpdir(), 'cc-imap-'));
  chmodSync(dir, 0o755);
  const port = await freePort();
  const homes = join(dir, 'home');
  mkdirSync(homes);
  const lines = Object.entries(users).map(([user, password], i) => {
    const home = join(homes, String(i));
    mkdirSync(home);
    // The mail belongs to "nobody", as the passwd-file says; Dovecot refuses root-owned mail.
    chownSync(home, NOBODY, NOBODY);
    return `${user}:{PLAIN}${password}:${NOBODY}:${NOBODY}::${home}`;
  });
  writeFileSync(join(dir, 'users'), `${lines.join('\n')}\n`);
  const cfg = join(dir, 'dovecot.conf');
  writeFileSync(cfg, config(dir, port));
  let child: ChildProcess | null = null;
  const logFile = join(dir, 'dovecot.log');
  const log = () => (existsSync(logFile) ? readFileSync(logFile, 'utf8') : '');
  const start = async () => {
    // -F: in the foreground, so the test owns the process.
    const c = spawn(bin, ['-F', '-c', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    c.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child = c;
    if (!(await cameUp(c, port))) throw new Error(`Dovecot did not start:\n${err}\n${log().slice(-3000)}`);
  };
  const stop = async () => {
    const c = child;
    child = null;
    await stopServer(c, port, 5000);
  };
  await start();
  const names = Object.keys(users);
  return {
    port,
    maildirOf: (user) => join(homes, String(names.indexOf(user)), 'Maildir'),
    start,
    stop,
    async dispose() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
    log,
  };
}
