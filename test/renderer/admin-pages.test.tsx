// @vitest-environment jsdom
import { Notifications } from '@mantine/notifications';
import { describe, expect, it } from 'vitest';
import { SeriesAdmin } from '../../src/renderer/src/features/numbering/series-page';
import { SettingsAdmin } from '../../src/renderer/src/features/settings/settings-page';
import { UsersAdmin } from '../../src/renderer/src/features/auth/users-page';
import { adminPageTests, pressKey } from './admin-support';
import { FakeTransport, click, flush, makeMe, typeInto, type Mounted } from './support';
import type { SeriesRow } from '../../src/shared/api/numbering';
import type { UserRow } from '../../src/shared/api/auth';
import type { Settings } from '../../src/shared/api/settings';

const words = { accept: ['accept'], reject: ['reject'] };
const ANSWER_WORDS = { en: words, ro: words, 'pt-BR': words, ca: words };

/*
 * The administration pages over a fake transport: what they send (only real overrides, the
 * limit in bytes) and what they say before and after main answers.
 */

const page = adminPageTests();

const user = (over: Partial<UserRow> = {}): UserRow => ({
  id: 'u-1',
  version: 3,
  login: 'maria',
  displayName: 'Maria Ene',
  role: 'operator',
  language: 'en',
  personId: null,
  personName: null,
  active: true,
  sessionLocked: false,
  rights: {},
  scope: null,
  lastSeenAt: null,
  ...over,
});

/** Picks a level in a SegmentedControl of the rights matrix. */
async function pick(v: Mounted, testid: string, value: string) {
  const input = v.get(testid).querySelector<HTMLInputElement>(`input[value="${value}"]`);
  if (!input) throw new Error(`no ${value} in ${testid}`);
  await click(input);
}

describe('users and rights', () => {
  function transport(rows: UserRow[]) {
    const tr = new FakeTransport();
    tr.state = 'connected';
    tr.answers['admin.users.list'] = () => ({ ok: true, value: rows });
    tr.answers['admin.personnel.list'] = () => ({ ok: true, value: [] });
    return tr;
  }

  it('sends only the modules that differ from the role, and shows the role default beside each', async () => {
    const tr = transport([user()]);
    let sent: unknown = null;
    tr.answers['admin.users.update'] = (input) => {
      sent = input;
      return { ok: true, value: user({ version: 4, rights: { clients: 'read' } }) };
    };
    const view = await page.mount(
      <>
        <Notifications />
        <UsersAdmin me={makeMe('admin')} />
      </>,
      tr,
    );
    pressKey(view.get('user-list'), 'Enter');
    await flush();
    expect(view.get('user-right-clients').getAttribute('data-level')).toBe('write');
    await pick(view, 'user-right-clients-control', 'read');
    // Setting recordings to its role default (read) is no override at all.
    await pick(view, 'user-right-recordings-control', 'write');
    await pick(view, 'user-right-recordings-control', 'read');
    expect(view.get('user-editor').getAttribute('data-dirty')).toBe('true');
    pressKey(view.get('user-login'), 's', { ctrlKey: true });
    await flush();
    expect(sent).toMatchObject({ id: 'u-1', version: 3, rights: { clients: 'read' } });
    expect(Object.keys((sent as { rights: object }).rights)).toEqual(['clients']);
  });

  it('shows main’s refusal (the last administrator) in the user’s language, under the field', async () => {
    const tr = transport([user({ role: 'admin' })]);
    tr.answers['admin.users.update'] = () => ({
      ok: false,
      error: { code: 'validation', message: 'This is the last active administrator.', issues: [{ path: 'active', message: 'the last active administrator' }] },
    });
    const view = await page.mount(<UsersAdmin me={makeMe('admin')} />, tr, 'ro');
    pressKey(view.get('user-list'), 'Enter');
    await flush();
    await click(view.get('user-active'));
    await click(view.get('user-editor-save'));
    expect(view.get('user-editor').textContent).toContain('Este ultimul administrator activ');
    expect(view.get('user-editor-error').textContent).toContain('Corectați câmpurile marcate');
  });

  it('refuses a short or mismatched password before sending anything', async () => {
    const tr = transport([user()]);
    const view = await page.mount(<UsersAdmin me={makeMe('admin')} />, tr);
    await click(view.get('user-add'));
    await typeInto(view.get('user-login'), 'new.user');
    await typeInto(view.get('user-displayName'), 'New User');
    await typeInto(view.get('user-password'), 'short');
    await click(view.get('user-editor-save'));
    expect(view.get('user-editor').textContent).toContain('At least 8 characters.');
    await typeInto(view.get('user-password'), 'long enough');
    await typeInto(view.get('user-password2'), 'long enougH');
    await click(view.get('user-editor-save'));
    expect(view.get('user-editor').textContent).toContain('The two passwords differ.');
    expect(tr.calls.some((c) => c.method === 'admin.users.create')).toBe(false);
  });
});

describe('document series', () => {
  const INT: SeriesRow = { id: 's-1', version: 7, docType: 'intervention', prefix: 'INT', nextNumber: 120, endNumber: 150, active: true, remaining: 31, lastUsed: 119 };

  it('flags a series with few numbers left and refuses a next number below the last one given', async () => {
    const tr = new FakeTransport();
    tr.state = 'connected';
    tr.answers['admin.series.list'] = () => ({ ok: true, value: [INT] });
    const view = await page.mount(<SeriesAdmin me={makeMe('admin')} />, tr);
    expect(view.get('series-row').textContent).toContain('Few left');
    pressKey(view.get('series-list'), 'Enter');
    await flush();
    expect(view.get('series-few').textContent).toContain('Only 31 numbers are left');
    await typeInto(view.get('series-next'), '100');
    await click(view.get('series-editor-save'));
    expect(view.get('series-editor').textContent).toContain('Numbers up to 119 were already given: at least 120.');
    expect(tr.calls.some((c) => c.method === 'admin.series.update')).toBe(false);
  });
});

describe('settings', () => {
  it('explains each audit level and sends the attachment limit in bytes', async () => {
    const stored: Settings = { operationLogLevel: 'advanced', sessionIdleMinutes: 480, attachmentMaxBytes: 25 * 1024 * 1024, phoneRegion: 'RO', telephonyServers: [], recordCalls: 'off', recordUsers: [], recordingRetentionDays: 90, scorecard: { criteria: [{ id: 'greeting', label: 'Greeting', weight: 10 }], passMark: 70 }, schedule: { dayStart: '08:00', dayEnd: '18:00', workingDays: [1, 2, 3, 4, 5], hideNonWorkingDays: false, timelineDays: 7 }, mailAnswerWords: ANSWER_WORDS, mailTemplates: {} };
    const tr = new FakeTransport();
    tr.state = 'connected';
    tr.answers['settings.get'] = () => ({ ok: true, value: stored });
    let sent: unknown = null;
    tr.answers['settings.update'] = (input) => {
      sent = input;
      return { ok: true, value: { ...stored, ...(input as object) } };
    };
    const view = await page.mount(<SettingsAdmin me={makeMe('admin')} />, tr);
    const text = view.get('admin-settings').textContent ?? '';
    expect(text).toContain('Who did it and when.');
    expect(text).toContain('old and new value');
    await typeInto(view.get('settings-size'), '2000');
    await click(view.get('settings-save'));
    expect(view.get('admin-settings').textContent).toContain('From 1 MB to 1 GB.');
    expect(sent).toBeNull();
    await typeInto(view.get('settings-size'), '50');
    await click(view.get('settings-level-detailed').querySelector('input') ?? view.get('settings-level-detailed'));
    await click(view.get('settings-save'));
    // The answer words are the E-mail tab's to save, not this form's.
    expect(sent).toEqual({ ...stored, mailAnswerWords: undefined, mailTemplates: undefined, operationLogLevel: 'detailed', attachmentMaxBytes: 50 * 1024 * 1024 });
  });

  it('records the chosen operators only once one is chosen, and keeps every criterion of the scorecard named and weighed', async () => {
    const stored: Settings = { operationLogLevel: 'advanced', sessionIdleMinutes: 480, attachmentMaxBytes: 25 * 1024 * 1024, phoneRegion: 'RO', telephonyServers: [], recordCalls: 'off', recordUsers: [], recordingRetentionDays: 90, scorecard: { criteria: [{ id: 'greeting', label: 'Greeting', weight: 10 }], passMark: 70 }, schedule: { dayStart: '08:00', dayEnd: '18:00', workingDays: [1, 2, 3, 4, 5], hideNonWorkingDays: false, timelineDays: 7 }, mailAnswerWords: ANSWER_WORDS, mailTemplates: {} };
    const tr = new FakeTransport();
    tr.state = 'connected';
    tr.answers['settings.get'] = () => ({ ok: true, value: stored });
    tr.answers['admin.users.list'] = () => ({ ok: true, value: [] });
    let sent: Partial<Settings> | null = null;
    tr.answers['settings.update'] = (input) => {
      sent = input as Partial<Settings>;
      return { ok: true, value: { ...stored, ...(input as object) } };
    };
    const view = await page.mount(<SettingsAdmin me={makeMe('admin')} />, tr);
    await click(view.get('settings-record-users').querySelector('input') ?? view.get('settings-record-users'));
    await click(view.get('settings-criterion-add'));
    await click(view.get('settings-save'));
    const text = view.get('settings-recording').textContent ?? '';
    expect(text).toContain('Choose at least one operator, or record every call.');
    expect(text).toContain('Name the criterion.');
    expect(sent).toBeNull();
    await click(view.get('settings-record-all').querySelector('input') ?? view.get('settings-record-all'));
    const labels = view.get('settings-criteria').querySelectorAll('input[aria-label="Criterion"]');
    await typeInto(labels[1] as HTMLElement, 'Solved the problem');
    await typeInto(view.get('settings-retention'), '30');
    await click(view.get('settings-save'));
    expect(sent).toMatchObject({
      recordCalls: 'all',
      recordingRetentionDays: 30,
      scorecard: { criteria: [{ id: 'greeting', label: 'Greeting', weight: 10 }, { id: 'c2', label: 'Solved the problem', weight: 10 }], passMark: 70 },
    });
    // The suggested criteria replace the list, in the user's language, as a draft to save.
    await click(view.get('settings-criteria-suggested'));
    const suggested = [...view.get('settings-criteria').querySelectorAll('input[aria-label="Criterion"]')].map((i) => (i as HTMLInputElement).value);
    expect(suggested).toEqual(['Greeting and identification', 'Understood the request', 'Correct information given', 'Intervention recorded correctly', 'Courtesy and closing']);
  });
});
