// Electron's sandbox on Linux needs either unprivileged user namespaces or the setuid helper
// `chrome-sandbox` (owned by root, mode 4755). A development checkout has the helper owned by the
// user, and Ubuntu 23.10+ lets AppArmor forbid unprivileged user namespaces to unknown programs,
// so Electron aborts at once ("The SUID sandbox helper binary was found, but is not configured
// correctly"). It also refuses to run as root with its sandbox on. We never turn the sandbox off:
// we say in one line what fixes it and start browser mode meanwhile.
import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * Why Electron's sandbox cannot start here, and the one command that fixes it; null when it can.
 * Pure: `facts` is what the machine says (see machineFacts), so it is tested as a function.
 * @param {{ platform: string, uid: number | null, helper: { path: string, uid: number, mode: number } | null,
 *           restrictUserns: string | null, usernsClone: string | null, maxUserNamespaces: string | null }} facts
 * @returns {{ why: string, fix: string } | null}
 */
export function sandboxProblem(facts) {
  if (facts.platform !== 'linux') return null;
  if (facts.uid === 0) {
    return { why: 'Electron does not run as root with its sandbox on', fix: 'start the app as your own user, not as root' };
  }
  const h = facts.helper;
  const setuidHelper = h !== null && h.uid === 0 && (h.mode & 0o4000) !== 0 && (h.mode & 0o001) !== 0;
  if (setuidHelper) return null;
  const userns = facts.usernsClone !== '0' && facts.maxUserNamespaces !== '0' && facts.restrictUserns !== '1';
  if (userns) return null;
  return {
    why:
      facts.restrictUserns === '1'
        ? "AppArmor restricts unprivileged user namespaces (Ubuntu 23.10 and later) and Electron's sandbox helper is not set up"
        : "unprivileged user namespaces are off and Electron's sandbox helper is not set up",
    fix: helperCommand(h?.path ?? join('node_modules', 'electron', 'dist', 'chrome-sandbox')),
  };
}

/** The one command that sets Electron's sandbox helper up (Electron's own advice for development checkouts). */
export function helperCommand(helperPath) {
  return `sudo chown root:root '${helperPath}' && sudo chmod 4755 '${helperPath}'`;
}

/** Whether Electron's error output says its sandbox could not start (the check above missed a case). */
export function sandboxFailedIn(stderr) {
  return /SUID sandbox helper binary|No usable sandbox|setuid_sandbox_host|Running as root without --no-sandbox/i.test(stderr);
}

const read = (path) => {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch {
    return null;
  }
};

/** The facts sandboxProblem needs, read from this machine for the Electron binary `electron`. */
export function helperPathOf(electron) {
  return join(dirname(electron), 'chrome-sandbox');
}

export function machineFacts(electron) {
  const path = helperPathOf(electron);
  const st = statSync(path, { throwIfNoEntry: false });
  const helper = st ? { path, uid: st.uid, mode: st.mode } : null;
  return {
    platform: process.platform,
    uid: typeof process.getuid === 'function' ? process.getuid() : null,
    helper,
    restrictUserns: read('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
    usernsClone: read('/proc/sys/kernel/unprivileged_userns_clone'),
    maxUserNamespaces: read('/proc/sys/user/max_user_namespaces'),
  };
}
