import { execFileSync } from 'node:child_process';

/** CHROMIUM_PATH when set, else the `chromium` on PATH (Debian's package). */
export function chromiumPath(): string {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync('which', ['chromium'], { encoding: 'utf8' }).trim();
  } catch {
    throw new Error('Chromium not found: install Debian\'s "chromium" package or set CHROMIUM_PATH.');
  }
}

/** Flags that work as root on a machine with no network (FACTS.md). */
export const chromiumArgs = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // The softphone's media on loopback only: Chromium leaves loopback out of ICE unless told, and
  // hides addresses behind mDNS names (FACTS.md). A fake microphone (a beep) and no prompt for it.
  '--allow-loopback-in-peer-connection',
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];
