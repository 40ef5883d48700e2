// @vitest-environment jsdom
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FirstRunScreen } from '../../src/renderer/src/features/setup/first-run-screen';
import { firstRunBridge } from '../../src/renderer/src/api/setup';
import type { SetupBridge, SetupResult } from '../../src/shared/api/setup';
import { openApp } from '../../src/main/app/open';
import { checkAdminPassword, existingDatabasePath, newDatabasePath, SetupError, setupStatus } from '../../src/main/app/workstation';
import { BRIDGE_KEY } from '../../src/shared/api/bridge';
import { FakeTransport, click, mount, stubBrowser, typeInto, type Mounted } from './support';

/*
 * The desktop app's first-run screen. Electron cannot run here, so the bridge is the one thing
 * stood in for: its answers come from the same functions main's setup-ipc.ts calls, on real
 * files (a real database is created and opened with the chosen password). What the native
 * dialogs would return is given as the file the user "picked".
 */

const dir = mkdtempSync(join(tmpdir(), 'cc-first-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let view: Mounted | null = null;
beforeAll(stubBrowser);
beforeEach(() => {
  window.__missingI18nKeys = [];
});
afterEach(() => {
  view?.unmount();
  view = null;
  expect(window.__missingI18nKeys).toEqual([]);
});

function bridgeOn(dataDir: string, picks: { new?: string; existing?: string }) {
  const opened: { dbPath?: string; password?: string }[] = [];
  const tokens = new Map<string, string>();
  // As setup-ipc.ts answers a refusal: the reason and the file, and the English message for the log.
  const fail = (e: unknown): SetupResult<never> =>
    e instanceof SetupError ? { ok: false, error: { code: 'validation', message: e.message }, reason: e.reason, ...(e.path ? { path: e.path } : {}) } : { ok: false, error: { code: 'internal', message: String(e) } };
  const bridge: SetupBridge = {
    status: () => Promise.resolve(setupStatus(dataDir)),
    openDemo: () => {
      opened.push({});
      return Promise.resolve({ ok: true, value: null });
    },
    pickNew: () => {
      try {
        const path = newDatabasePath(picks.new!);
        tokens.set('new', path);
        return Promise.resolve({ ok: true, value: { token: 'new', path } });
      } catch (e) {
        return Promise.resolve(fail(e));
      }
    },
    pickExisting: () => {
      try {
        const path = existingDatabasePath(picks.existing!);
        tokens.set('existing', path);
        return Promise.resolve({ ok: true, value: { token: 'existing', path } });
      } catch (e) {
        return Promise.resolve(fail(e));
      }
    },
    create: async (token, password) => {
      try {
        const dbPath = newDatabasePath(tokens.get(token)!);
        const { app } = openApp({ dataDir, dbPath, mode: 'desktop', version: '0', log: () => {}, adminPassword: checkAdminPassword(password) });
        await app.close();
        opened.push({ dbPath, password });
        return { ok: true, value: null };
      } catch (e) {
        return fail(e);
      }
    },
    open: (token) => {
      opened.push({ dbPath: tokens.get(token)! });
      return Promise.resolve({ ok: true, value: null });
    },
  };
  return { bridge, opened };
}

describe('first-run screen', () => {
  it('is shown only on the desktop first-run page', () => {
    expect(firstRunBridge('?setup=1')).toBeNull();
    const { bridge } = bridgeOn(dir, {});
    (window as unknown as Record<string, unknown>)[BRIDGE_KEY] = { setup: bridge };
    try {
      expect(firstRunBridge('?setup=1')).toBe(bridge);
      expect(firstRunBridge('')).toBeNull();
      expect(firstRunBridge('?setup=0')).toBeNull();
    } finally {
      delete (window as unknown as Record<string, unknown>)[BRIDGE_KEY];
    }
  });

  it('says the demo is a demo, with its logins, and opens it', async () => {
    const { bridge, opened } = bridgeOn(join(dir, 'a'), {});
    view = await mount(<FirstRunScreen setup={bridge} />, new FakeTransport());
    const demo = view.get('first-run-demo').textContent ?? '';
    expect(demo).toContain('20,000 made-up interventions. Not for real work.');
    expect(demo).toContain('Log in as admin, operator, supervisor, technician, auditor; the password of each is "demo".');
    expect(demo).toContain(join(dir, 'a', 'demo.sqlite'));
    // The shared store is not built yet, and says so.
    expect(view.get('first-run-shared').textContent).toContain('Administration → Shared store');
    await click(view.get('first-run-open-demo'));
    expect(opened).toEqual([{}]);
  });

  it('creates a new database with the password the user chose, only once both passwords agree', async () => {
    const { bridge, opened } = bridgeOn(join(dir, 'b'), { new: join(dir, 'office') });
    view = await mount(<FirstRunScreen setup={bridge} />, new FakeTransport(), 'ro');
    const go = view.get('first-run-create-go') as HTMLButtonElement;
    expect(go.disabled).toBe(true);
    await click(view.get('first-run-pick-new'));
    expect(view.get('first-run-path').textContent).toContain(join(dir, 'office.sqlite'));
    await typeInto(view.get('first-run-password'), 'scurt');
    await typeInto(view.get('first-run-confirm'), 'scurt');
    expect(go.disabled).toBe(true);
    await typeInto(view.get('first-run-password'), 'parola lui Ion');
    expect(view.get('first-run-create').textContent).toContain('Cele două parole diferă.');
    expect(go.disabled).toBe(true);
    await typeInto(view.get('first-run-confirm'), 'parola lui Ion');
    expect(go.disabled).toBe(false);
    await click(go);
    // The open waits on a file check in main: on a busy machine more than a few ticks.
    await vi.waitFor(() => expect(opened).toEqual([{ dbPath: join(dir, 'office.sqlite'), password: 'parola lui Ion' }]), { timeout: 10_000 });
  });

  it('refuses a file that is not a database of ours, in words, and opens one that is', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'hello');
    const wrong = bridgeOn(join(dir, 'c'), { existing: notes });
    view = await mount(<FirstRunScreen setup={wrong.bridge} />, new FakeTransport(), 'pt-BR');
    await click(view.get('first-run-pick-existing'));
    expect(view.get('first-run-error').textContent).toBe(`${notes} não é um banco de dados.`);
    expect((view.get('first-run-open-go') as HTMLButtonElement).disabled).toBe(true);
    view.unmount();

    const ours = join(dir, 'branch.sqlite');
    await openApp({ dataDir: join(dir, 'c'), dbPath: ours, mode: 'desktop', version: '0', log: () => {}, adminPassword: 'branch password' }).app.close();
    const right = bridgeOn(join(dir, 'c'), { existing: ours });
    view = await mount(<FirstRunScreen setup={right.bridge} />, new FakeTransport());
    await click(view.get('first-run-pick-existing'));
    expect(view.query('first-run-error')).toBeNull();
    await click(view.get('first-run-open-go'));
    expect(right.opened).toEqual([{ dbPath: ours }]);
  });
});
