import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './pg-cluster';

/*
 * A non-browser SIP phone for the softphone's tests: Debian's baresip on 127.0.0.1, registered
 * at the test Kamailio over UDP, with WebRTC's media profile (ICE, DTLS-SRTP, Opus, rtcp-mux:
 * FACTS.md) so it talks to sip.js. Its microphone is a sine tone (ausine); what it hears is
 * written to WAV files (sndfile) for the test to check.
 */

export interface Baresip {
  /** Sends a command to its console ('/dial sip:1001@cc.test', '/hangup'). */
  command(line: string): void;
  /** The WAV files it wrote: what it sent (enc) and what it heard (dec). */
  dumps(): string[];
  log(): string;
  /** Resolves when its log shows `pattern`; rejects with the log after `ms`. */
  waitFor(pattern: RegExp, ms?: number): Promise<void>;
  dispose(): Promise<void>;
}

export interface BaresipOptions {
  user: string;
  password: string;
  domain: string;
  /** Kamailio's UDP port on 127.0.0.1. */
  sipPort: number;
  /** Hz of its microphone tone. */
  tone: number;
  /** The address its media (ICE) uses: baresip's ICE leaves loopback addresses out. */
  mediaAddress: string;
}

export async function startBaresip(o: BaresipOptions): Promise<Baresip> {
  if (!existsSync('/usr/bin/baresip')) throw new Error('baresip is not installed (Debian: apt-get install baresip-core). scripts/test-deps.sh installs it as root.');
  const dir = mkdtempSync(join(tmpdir(), 'cc-baresip-'));
  const dumps = join(dir, 'dumps');
  mkdirSync(dumps);
  const port = await freePort();
  writeFileSync(
    join(dir, 'config'),
    [
      'poll_method epoll',
      `sip_listen 127.0.0.1:${port}`,
      `net_interface ${o.mediaAddress}`,
      'audio_source ausine,' + String(o.tone),
      'audio_player aubridge,none',
      'audio_alert aubridge,none',
      'ausrc_srate 48000',
      'auplay_srate 48000',
      'ausrc_channels 2',
      'auplay_channels 2',
      'rtcp_mux yes',
      'jitter_buffer_delay 1-10',
      `snd_path ${dumps}`,
      'module_path /usr/lib/baresip/modules',
      'module stdio.so',
      'module opus.so',
      'module g711.so',
      'module ausine.so',
      'module aubridge.so',
      'module sndfile.so',
      'module ice.so',
      'module dtls_srtp.so',
      'module_app account.so',
      'module_app menu.so',
      'opus_bitrate 32000',
      'opus_stereo no',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'accounts'),
    `<sip:${o.user}@${o.domain}>;auth_pass=${o.password};outbound="sip:127.0.0.1:${o.sipPort};transport=udp";medianat=ice;mediaenc=dtls_srtp;regint=600;answermode=auto\n`,
  );
  let logged = '';
  const child: ChildProcess = spawn('/usr/bin/baresip', ['-f', dir, '-v'], { stdio: ['pipe', 'pipe', 'pipe'] });
  const take = (d: Buffer) => {
    logged += d.toString('utf8');
    if (logged.length > 1_000_000) logged = logged.slice(-500_000);
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  const waitFor = async (pattern: RegExp, ms = 15_000) => {
    const until = Date.now() + ms;
    while (!pattern.test(logged)) {
      if (child.exitCode !== null || Date.now() > until) throw new Error(`baresip: no ${String(pattern)} within ${ms} ms:\n${logged.slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const phone: Baresip = {
    command: (line) => void child.stdin?.write(`${line}\n`),
    dumps: () => readdirSync(dumps).map((f) => join(dumps, f)),
    log: () => logged,
    waitFor,
    async dispose() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.stdin?.write('/quit\n');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await waitFor(/200 OK|registered successfully|\{.*\} 200/i);
  return phone;
}
