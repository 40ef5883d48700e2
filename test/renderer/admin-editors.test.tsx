// @vitest-environment jsdom
import { Notifications } from '@mantine/notifications';
import { describe, expect, it } from 'vitest';
import { PersonnelAdmin } from '../../src/renderer/src/features/personnel/personnel-page';
import { WorkingPeriodsAdmin } from '../../src/renderer/src/features/numbering/working-periods-page';
import { adminPageTests, pressKey } from './admin-support';
import { FakeTransport, click, flush, makeMe, typeInto } from './support';
import type { PeriodRow } from '../../src/shared/api/numbering';
import type { PersonRow, TeamRow } from '../../src/shared/api/personnel';

/*
 * The shared list page and editor (keys, confirmations, conflicts, delete) through two pages
 * that use every part of them: working periods (a confirmation before a save) and personnel
 * (two lists in one page, deletion).
 */

const page = adminPageTests();

const sent = (tr: FakeTransport, method: string) => tr.calls.filter((c) => c.method === method).map((c) => c.input);

describe('working periods', () => {
  const year = new Date().getFullYear();
  const current: PeriodRow = { id: 'p-1', version: 2, startDate: `${year}-01-01`, endDate: `${year}-12-31`, open: true, documents: 0 };

  function transport() {
    const tr = new FakeTransport();
    tr.state = 'connected';
    tr.answers['admin.periods.list'] = () => ({ ok: true, value: [current] });
    tr.answers['admin.periods.update'] = (input) => ({ ok: true, value: { ...current, ...(input as object), version: 3 } });
    return tr;
  }

  it('asks before closing the period of today; "cancel" sends nothing, "close" saves', async () => {
    const tr = transport();
    const view = await page.mount(<WorkingPeriodsAdmin me={makeMe('admin')} />, tr);
    pressKey(view.get('period-list'), 'Enter');
    await flush();
    await click(view.get('period-open'));
    pressKey(view.get('period-start'), 's', { ctrlKey: true });
    await flush();
    expect(view.get('period-close-confirm').textContent).toContain(`${year}-01-01`);
    await click(view.get('period-close-no'));
    expect(sent(tr, 'admin.periods.update')).toEqual([]);
    await click(view.get('period-editor-save'));
    await click(view.get('period-close-yes'));
    expect(sent(tr, 'admin.periods.update')).toEqual([{ id: 'p-1', version: 2, startDate: `${year}-01-01`, endDate: `${year}-12-31`, open: false }]);
  });

  it('Insert opens a new period; Esc with changes asks first, and discarding closes the editor', async () => {
    const tr = transport();
    const view = await page.mount(<WorkingPeriodsAdmin me={makeMe('admin')} />, tr);
    pressKey(view.get('period-list'), 'Insert');
    await flush();
    expect(view.get('period-editor').textContent).toContain('New');
    // Overlapping the existing period is answered here, under the start only, before anything is sent.
    await typeInto(view.get('period-start'), `${year}-03-01`);
    await typeInto(view.get('period-end'), `${year}-03-31`);
    await click(view.get('period-editor-save'));
    expect(view.get('period-editor').textContent).toContain(`${year}-01-01`);
    expect(view.get('period-editor-error').textContent).toContain('Correct the marked fields.');
    expect(sent(tr, 'admin.periods.create')).toEqual([]);
    pressKey(view.get('period-end'), 'Escape');
    await flush();
    expect(view.get('period-editor-confirm').textContent).toContain('Your changes are not saved.');
    await click(view.get('period-editor-confirm-yes'));
    expect(view.query('period-editor')).toBeNull();
  });
});

describe('personnel and teams', () => {
  const person = (over: Partial<PersonRow> = {}): PersonRow => ({
    id: 'pe-1',
    version: 1,
    name: 'Ana Pop',
    jobTitle: null,
    phone: null,
    email: null,
    isOperator: true,
    isTechnician: false,
    isVerifier: false,
    active: true,
    teams: [],
    login: null,
    ...over,
  });
  const team: TeamRow = { id: 't-1', version: 5, name: 'Echipa Cluj', leaderId: 'pe-1', active: true, memberIds: ['pe-1'] };

  it('a save refused as a conflict says so and reloads: the editor shows the stored values', async () => {
    const tr = new FakeTransport();
    tr.state = 'connected';
    let stored = person();
    tr.answers['admin.personnel.list'] = () => ({ ok: true, value: [stored] });
    tr.answers['admin.personnel.update'] = () => {
      stored = person({ version: 2, name: 'Ana Pop-Ionescu' });
      return { ok: false, error: { code: 'conflict', message: 'The record was changed meanwhile.' } };
    };
    const view = await page.mount(
      <>
        <Notifications />
        <PersonnelAdmin me={makeMe('admin')} />
      </>,
      tr,
    );
    pressKey(view.get('person-list'), 'Enter');
    await flush();
    await typeInto(view.get('person-name'), 'Ana P.');
    await click(view.get('person-editor-save'));
    await flush(5);
    expect(document.body.textContent).toContain('Someone else changed this meanwhile.');
    expect(sent(tr, 'admin.personnel.list').length).toBeGreaterThan(1);
    expect((view.get('person-name') as HTMLInputElement).value).toBe('Ana Pop-Ionescu');
    expect(view.get('person-editor').getAttribute('data-dirty')).toBe('false');
  });

  it('the teams list is a second page: delete asks first and sends id and version', async () => {
    const tr = new FakeTransport();
    tr.state = 'connected';
    tr.answers['admin.personnel.list'] = () => ({ ok: true, value: [person()] });
    tr.answers['admin.teams.list'] = () => ({ ok: true, value: sent(tr, 'admin.teams.delete').length ? [] : [team] });
    tr.answers['admin.teams.delete'] = () => ({ ok: true, value: null });
    const view = await page.mount(<PersonnelAdmin me={makeMe('admin')} />, tr);
    await click(view.get('personnel-view').querySelector<HTMLInputElement>('input[value="teams"]')!);
    expect(view.get('team-row').textContent).toContain('Ana Pop');
    pressKey(view.get('team-list'), 'Enter');
    await flush();
    await click(view.get('team-editor-delete'));
    expect(view.get('team-editor-confirm').textContent).toContain('Delete Echipa Cluj?');
    expect(sent(tr, 'admin.teams.delete')).toEqual([]);
    await click(view.get('team-editor-confirm-yes'));
    expect(sent(tr, 'admin.teams.delete')).toEqual([{ id: 't-1', version: 5 }]);
    expect(view.query('team-editor')).toBeNull();
  });

  it('a reader sees the editor read-only, without save or delete', async () => {
    const tr = new FakeTransport();
    tr.state = 'connected';
    tr.answers['admin.personnel.list'] = () => ({ ok: true, value: [person()] });
    const view = await page.mount(<PersonnelAdmin me={makeMe('admin', { rights: { ...makeMe('admin').rights, admin: 'read' } })} />, tr);
    expect(view.query('person-add')).toBeNull();
    pressKey(view.get('person-list'), 'Insert');
    await flush();
    expect(view.query('person-editor')).toBeNull();
    pressKey(view.get('person-list'), 'Enter');
    await flush();
    expect(view.get('person-editor').textContent).toContain('You can see this page but not change it.');
    expect(view.query('person-editor-save')).toBeNull();
    expect(view.query('person-editor-delete')).toBeNull();
  });
});
