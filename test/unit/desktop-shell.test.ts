import { describe, expect, it } from 'vitest';
import { parseAppArgs } from '../../src/main/app/options';
import { defaultDataDir } from '../../src/main/app/paths';
import { dropDevOnlyVariables } from '../../src/main/app/dev-env';
import { menuTemplate } from '../../src/main/electron/menu-template';
import { grantsCheck, grantsRequest } from '../../src/main/electron/permission-rules';
import { pdfFileName, schemeCallerOf } from '../../src/main/electron/scheme-caller';
import type { MenuItemConstructorOptions } from 'electron';
import { sandboxFailedIn, sandboxProblem } from '../../scripts/electron-sandbox.mjs';
import { isDriverBuildOutput } from '../../scripts/electron-native.mjs';

/*
 * The desktop shell's decisions, as plain functions: Electron's runtime cannot run here, so what
 * the shell decides is taken out of it and tested (docs/architecture.md, "The desktop shell").
 */

describe('one command line for both entry points', () => {
  it('reads --db and --data-dir the same in the desktop app, skipping Chromium switches', () => {
    const o = parseAppArgs(['--enable-logging', '--db', '/srv/cc.sqlite', '--ozone-platform=wayland', '--data-dir', '/srv/cc'], {}, true);
    expect(o).toMatchObject({ dbPath: '/srv/cc.sqlite', dataDir: '/srv/cc', browser: false });
    expect(() => parseAppArgs(['--db'], {}, true)).toThrow(/--db needs a value/);
    expect(() => parseAppArgs(['--enable-logging'], {}, false)).toThrow();
    expect(parseAppArgs(['--browser'], {}).browser).toBe(true);
    // Options win over variables.
    expect(parseAppArgs(['--db', 'a.sqlite'], { CC_DB: 'b.sqlite' }).dbPath).toBe('a.sqlite');
    expect(parseAppArgs([], { CC_DB: 'b.sqlite', CC_DATA_DIR: '/d' })).toMatchObject({ dbPath: 'b.sqlite', dataDir: '/d' });
  });
});

describe('one data folder per platform', () => {
  const home = '/home/ana';
  it('is the documented place on each system, Windows in local (not roaming) AppData', () => {
    expect(defaultDataDir({}, 'linux', home)).toBe('/home/ana/.local/share/callcenter');
    expect(defaultDataDir({ XDG_DATA_HOME: '/data/ana' }, 'linux', home)).toBe('/data/ana/callcenter');
    expect(defaultDataDir({ XDG_DATA_HOME: 'relative' }, 'linux', home)).toBe('/home/ana/.local/share/callcenter');
    expect(defaultDataDir({}, 'darwin', home)).toBe('/home/ana/Library/Application Support/callcenter');
    const win = { LOCALAPPDATA: 'C:\\Users\\ana\\AppData\\Local', APPDATA: 'C:\\Users\\ana\\AppData\\Roaming' };
    expect(defaultDataDir(win, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Local\\callcenter');
    expect(defaultDataDir({}, 'win32', 'C:\\Users\\ana')).toBe('C:\\Users\\ana\\AppData\\Local\\callcenter');
    expect(defaultDataDir({ CC_DATA_DIR: '/x' }, 'win32', home)).toBe('/x');
  });
});

describe('development-only variables', () => {
  it('are dropped by a packaged app, and only those', () => {
    const env: NodeJS.ProcessEnv = { CC_SQLITE_NATIVE_BINDING: '/tmp/evil.node', CC_MIGRATIONS_DIR: '/tmp/sql', CC_DB: '/srv/cc.sqlite' };
    expect(dropDevOnlyVariables(env).sort()).toEqual(['CC_MIGRATIONS_DIR', 'CC_SQLITE_NATIVE_BINDING']);
    expect(env).toEqual({ CC_DB: '/srv/cc.sqlite' });
  });
});

describe('the menu', () => {
  const labels = { file: 'File', edit: 'Edit', view: 'View', window: 'Window', help: 'Help', shortcuts: 'Keyboard shortcuts', quit: 'Quit' };
  const items = (t: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
    t.flatMap((i) => [i, ...(Array.isArray(i.submenu) ? items(i.submenu) : [])]);
  const roles = (dev: boolean, platform: NodeJS.Platform = 'linux') =>
    items(menuTemplate({ platform, dev, labels, showShortcuts: () => {}, appName: 'Call Center' })).map((i) => i.role);

  it('has Reload and DevTools only in development, and Edit everywhere', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(roles(false, platform)).not.toContain('toggleDevTools');
      expect(roles(false, platform)).not.toContain('reload');
      expect(roles(false, platform)).not.toContain('forceReload');
      expect(roles(true, platform)).toEqual(expect.arrayContaining(['toggleDevTools', 'reload']));
      expect(roles(false, platform)).toEqual(expect.arrayContaining(['cut', 'copy', 'paste', 'selectAll', 'undo', 'redo', 'quit']));
    }
  });

  it("claims none of the app's own keys", () => {
    // The accelerators Electron gives the roles used (docs: MenuItem roles), and ours.
    const ROLE_KEYS: Record<string, string> = { undo: 'CmdOrCtrl+Z', redo: 'CmdOrCtrl+Shift+Z', cut: 'CmdOrCtrl+X', copy: 'CmdOrCtrl+C', paste: 'CmdOrCtrl+V', selectAll: 'CmdOrCtrl+A', quit: 'CmdOrCtrl+Q', close: 'CmdOrCtrl+W', minimize: 'CmdOrCtrl+M', resetZoom: 'CmdOrCtrl+0', zoomIn: 'CmdOrCtrl+Plus', zoomOut: 'CmdOrCtrl+-', togglefullscreen: 'F11', reload: 'CmdOrCtrl+R', toggleDevTools: 'CmdOrCtrl+Shift+I', hide: 'Cmd+H', hideOthers: 'Cmd+Alt+H' };
    const APP_KEYS = ['F1', 'F5', 'Insert', 'Delete', 'Enter', 'Escape', 'CmdOrCtrl+F', 'CmdOrCtrl+S', 'CmdOrCtrl+Enter', ...[1, 2, 3, 4, 5, 6, 7].map((n) => `Alt+${n}`)];
    const taken = items(menuTemplate({ platform: 'linux', dev: true, labels, showShortcuts: () => {}, appName: 'Call Center' }))
      .filter((i) => i.registerAccelerator !== false)
      .map((i) => (typeof i.accelerator === 'string' ? i.accelerator : i.role ? ROLE_KEYS[i.role] : undefined))
      .filter(Boolean);
    for (const key of APP_KEYS) expect(taken, key).not.toContain(key);
    // Help shows F1 beside its entry, but leaves the key to the page.
    const help = items(menuTemplate({ platform: 'linux', dev: false, labels, showShortcuts: () => {}, appName: 'Call Center' })).find((i) => i.label === 'Keyboard shortcuts');
    expect(help).toMatchObject({ accelerator: 'F1', registerAccelerator: false });
  });
});

describe('the microphone', () => {
  const ok = { permission: 'media', topUrl: 'app://bundle/index.html', requestingUrl: 'app://bundle/index.html', isMainFrame: true, mediaTypes: ['audio'] };
  it('is granted to our page asking for audio in its top frame only', () => {
    expect(grantsRequest(ok)).toBe(true);
    expect(grantsRequest({ ...ok, isMainFrame: false })).toBe(false);
    expect(grantsRequest({ ...ok, requestingUrl: 'https://evil.example/' })).toBe(false);
    expect(grantsRequest({ ...ok, requestingUrl: undefined })).toBe(false);
    expect(grantsRequest({ ...ok, topUrl: 'https://evil.example/' })).toBe(false);
    expect(grantsRequest({ ...ok, mediaTypes: ['audio', 'video'] })).toBe(false);
    expect(grantsRequest({ ...ok, mediaTypes: [] })).toBe(false);
    expect(grantsRequest({ ...ok, permission: 'geolocation' })).toBe(false);
    expect(grantsRequest({ ...ok, permission: 'notifications' })).toBe(false);
  });
  it('is reported as held only to our top frame, never for video', () => {
    const check = { permission: 'media', requestingOrigin: 'app://bundle', isMainFrame: true, mediaType: 'audio' };
    expect(grantsCheck(check)).toBe(true);
    expect(grantsCheck({ ...check, mediaType: 'unknown' })).toBe(true);
    expect(grantsCheck({ ...check, mediaType: 'video' })).toBe(false);
    expect(grantsCheck({ ...check, isMainFrame: false })).toBe(false);
    expect(grantsCheck({ ...check, requestingOrigin: 'https://evil.example' })).toBe(false);
  });
});

describe('app:// downloads', () => {
  const users: Record<string, string> = { t1: 'u-ana', t2: 'u-ana', t3: 'u-bob' };
  const userOf = (token: string | null) => (token ? (users[token] ?? null) : null);
  it('act for the one user logged in, and for nobody when two are', () => {
    expect(schemeCallerOf([], userOf)).toEqual({ transport: 'ipc', token: null });
    expect(schemeCallerOf([{ transport: 'ipc', token: null }, { transport: 'ipc', token: 'expired' }], userOf)).toEqual({ transport: 'ipc', token: null });
    expect(schemeCallerOf([{ transport: 'ipc', token: null }, { transport: 'ipc', token: 't1' }, { transport: 'ipc', token: 't2' }], userOf)).toEqual({ transport: 'ipc', token: 't1' });
    expect(schemeCallerOf([{ transport: 'ipc', token: 't1' }, { transport: 'ipc', token: 't3' }], userOf)).toMatchObject({ code: 'forbidden' });
  });
  it('save PDFs under a name every file system takes', () => {
    expect(pdfFileName('Evolution sheet IV/2026:0042')).toBe('Evolution sheet IV 2026 0042.pdf');
    expect(pdfFileName('report.PDF')).toBe('report.PDF');
    expect(pdfFileName('a\u0000b\nc')).toBe('a b c.pdf');
    expect(pdfFileName(42)).toBe('document.pdf');
    expect(pdfFileName('   ')).toBe('document.pdf');
    expect(pdfFileName('x'.repeat(500))).toHaveLength(124);
  });
});

describe('npm start and the sandbox', () => {
  const fine = { platform: 'linux', uid: 1000, helper: { path: '/p/chrome-sandbox', uid: 1000, mode: 0o100755 }, restrictUserns: '0', usernsClone: '1', maxUserNamespaces: '63000' };
  it('sees when Electron would abort at once, and says the one command that fixes it', () => {
    expect(sandboxProblem(fine)).toBeNull();
    // Ubuntu 23.10+: AppArmor restricts unprivileged user namespaces, the helper is the user's.
    const ubuntu = sandboxProblem({ ...fine, restrictUserns: '1' });
    expect(ubuntu?.why).toMatch(/AppArmor/);
    expect(ubuntu?.fix).toBe("sudo chown root:root '/p/chrome-sandbox' && sudo chmod 4755 '/p/chrome-sandbox'");
    // Once the helper is root's and setuid, the sandbox starts.
    expect(sandboxProblem({ ...fine, restrictUserns: '1', helper: { path: '/p/chrome-sandbox', uid: 0, mode: 0o104755 } })).toBeNull();
    expect(sandboxProblem({ ...fine, usernsClone: '0' })?.why).toMatch(/user namespaces are off/);
    expect(sandboxProblem({ ...fine, maxUserNamespaces: '0' })).not.toBeNull();
    expect(sandboxProblem({ ...fine, uid: 0 })?.fix).toMatch(/not as root/);
    expect(sandboxProblem({ ...fine, platform: 'win32', uid: null })).toBeNull();
    expect(sandboxProblem({ ...fine, platform: 'darwin', restrictUserns: '1' })).toBeNull();
  });
  it("recognises the sandbox's own failure messages", () => {
    expect(sandboxFailedIn('[1:1205/120000.1:FATAL:setuid_sandbox_host.cc(163)] The SUID sandbox helper binary was found, but is not configured correctly.')).toBe(true);
    expect(sandboxFailedIn('No usable sandbox! If you are running on Ubuntu 23.10+ …')).toBe(true);
    expect(sandboxFailedIn('Running as root without --no-sandbox is not supported.')).toBe(true);
    expect(sandboxFailedIn('Error: Cannot find module')).toBe(false);
  });
  it("copies the SQLite driver's sources whatever folder the checkout lives in", () => {
    const pkg = '/home/ana/build/callcenter/node_modules/better-sqlite3';
    expect(isDriverBuildOutput(pkg, `${pkg}/src/better_sqlite3.cpp`)).toBe(false);
    expect(isDriverBuildOutput(pkg, `${pkg}/binding.gyp`)).toBe(false);
    expect(isDriverBuildOutput(pkg, `${pkg}/build`)).toBe(true);
    expect(isDriverBuildOutput(pkg, `${pkg}/build/Release/better_sqlite3.node`)).toBe(true);
    expect(isDriverBuildOutput(pkg, `${pkg}/deps/build-config.gypi`)).toBe(false);
  });
});
