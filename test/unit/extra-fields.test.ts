import { describe, expect, it } from 'vitest';
import {
  EXTRA_MESSAGES,
  EXTRA_TEXT_MAX,
  applicableFields,
  checkExtraValues,
  fieldState,
  isEditable,
  isEmptyValue,
  missingRequired,
  normalizeValue,
  valueProblem,
  type ExtraFieldRule,
} from '../../src/shared/domain/extra-fields';
import { computeStatus, type StatusFacts } from '../../src/shared/domain/intervention';
import { extraFieldDefinitionInput } from '../../src/shared/api/request-types';

const field = (id: string, over: Partial<ExtraFieldRule> = {}): ExtraFieldRule => ({
  id,
  requestTypeId: 'leaf',
  kind: 'text',
  options: [],
  states: {},
  sequence: 0,
  active: true,
  ...over,
});

/** root › mid › leaf, and an unrelated type. */
const PARENTS: Record<string, string | null> = { root: null, mid: 'root', leaf: 'mid', other: null };
const parentOf = (id: string) => PARENTS[id];

describe('which fields apply to a request type', () => {
  const defs = [
    field('leaf-b', { requestTypeId: 'leaf', sequence: 2 }),
    field('leaf-a', { requestTypeId: 'leaf', sequence: 1 }),
    field('root-a', { requestTypeId: 'root', sequence: 9 }),
    field('mid-a', { requestTypeId: 'mid', sequence: 0 }),
    field('other-a', { requestTypeId: 'other' }),
    field('root-off', { requestTypeId: 'root', active: false }),
  ];

  it('inherits the ancestors’ fields, root first, then by sequence', () => {
    expect(applicableFields('leaf', parentOf, defs).map((f) => f.id)).toEqual(['root-a', 'mid-a', 'leaf-a', 'leaf-b']);
  });
  it('gives a parent only its own and its ancestors’, never its children’s', () => {
    expect(applicableFields('mid', parentOf, defs).map((f) => f.id)).toEqual(['root-a', 'mid-a']);
    expect(applicableFields('root', parentOf, defs).map((f) => f.id)).toEqual(['root-a']);
  });
  it('leaves out inactive fields and fields of unrelated types', () => {
    const ids = applicableFields('leaf', parentOf, defs).map((f) => f.id);
    expect(ids).not.toContain('root-off');
    expect(ids).not.toContain('other-a');
  });
  it('has no fields without a type', () => {
    expect(applicableFields(null, parentOf, defs)).toEqual([]);
  });
  it('orders equal sequences by id, so the form never reorders them', () => {
    const same = [field('b', { requestTypeId: 'root' }), field('a', { requestTypeId: 'root' })];
    expect(applicableFields('root', parentOf, same).map((f) => f.id)).toEqual(['a', 'b']);
  });
  it('survives a cycle in bad data', () => {
    const cyclic: Record<string, string> = { x: 'y', y: 'x' };
    const got = applicableFields('x', (id) => cyclic[id], [field('fx', { requestTypeId: 'x' }), field('fy', { requestTypeId: 'y' })]);
    expect(got.map((f) => f.id).sort()).toEqual(['fx', 'fy']);
  });
});

describe('the state of a field in a status', () => {
  const f = field('f', { states: { taken: 'hidden', allocated: 'readonly', finalized: 'required' } });
  it('is what the admin set, and optional where nothing is set', () => {
    expect(fieldState(f, 'taken')).toBe('hidden');
    expect(fieldState(f, 'allocated')).toBe('readonly');
    expect(fieldState(f, 'finalized')).toBe('required');
    expect(fieldState(f, 'confirmed')).toBe('optional');
    expect(fieldState(f, 'cancelled')).toBe('optional');
  });
  it('is editable when optional or required only', () => {
    expect(isEditable('optional')).toBe(true);
    expect(isEditable('required')).toBe(true);
    expect(isEditable('readonly')).toBe(false);
    expect(isEditable('hidden')).toBe(false);
  });
});

describe('a value by kind', () => {
  const text = field('t');
  const num = field('n', { kind: 'number' });
  const date = field('d', { kind: 'date' });
  const choice = field('c', { kind: 'choice', options: ['Gas', 'Electric'] });
  const box = field('b', { kind: 'checkbox' });

  it('text: any text up to the limit, script tags included (stored as text)', () => {
    expect(valueProblem(text, 'Boiler room on the 2nd floor')).toBeNull();
    expect(valueProblem(text, '<script>alert(1)</script>')).toBeNull();
    expect(valueProblem(text, 'line one\nline\ttwo')).toBeNull();
    expect(valueProblem(text, 'x'.repeat(EXTRA_TEXT_MAX))).toBeNull();
    expect(valueProblem(text, 'x'.repeat(EXTRA_TEXT_MAX + 1))).toBe(EXTRA_MESSAGES.tooLong);
    expect(valueProblem(text, 12)).toBe(EXTRA_MESSAGES.text);
    expect(valueProblem(text, true)).toBe(EXTRA_MESSAGES.text);
    expect(valueProblem(text, 'bell\u0007')).toBe(EXTRA_MESSAGES.control);
  });
  it('number: finite numbers only, no numeric text', () => {
    expect(valueProblem(num, 0)).toBeNull();
    expect(valueProblem(num, -12.5)).toBeNull();
    expect(valueProblem(num, Number.NaN)).toBe(EXTRA_MESSAGES.number);
    expect(valueProblem(num, Number.POSITIVE_INFINITY)).toBe(EXTRA_MESSAGES.number);
    expect(valueProblem(num, '12')).toBe(EXTRA_MESSAGES.number);
    expect(valueProblem(num, false)).toBe(EXTRA_MESSAGES.number);
  });
  it('date: yyyy-mm-dd and a real day', () => {
    expect(valueProblem(date, '2026-11-22')).toBeNull();
    expect(valueProblem(date, '2028-02-29')).toBeNull();
    expect(valueProblem(date, '2026-02-29')).toBe(EXTRA_MESSAGES.notADay);
    expect(valueProblem(date, '2026-13-01')).toBe(EXTRA_MESSAGES.notADay);
    expect(valueProblem(date, '22/11/2026')).toBe(EXTRA_MESSAGES.date);
    expect(valueProblem(date, '2026-11-22T10:00')).toBe(EXTRA_MESSAGES.date);
    expect(valueProblem(date, 20261122)).toBe(EXTRA_MESSAGES.date);
  });
  it('choice: exactly one of the options', () => {
    expect(valueProblem(choice, 'Gas')).toBeNull();
    expect(valueProblem(choice, 'gas')).toBe(EXTRA_MESSAGES.choice);
    expect(valueProblem(choice, 'Solar')).toBe(EXTRA_MESSAGES.choice);
    expect(valueProblem(choice, 1)).toBe(EXTRA_MESSAGES.choice);
  });
  it('checkbox: true or false', () => {
    expect(valueProblem(box, true)).toBeNull();
    expect(valueProblem(box, false)).toBeNull();
    expect(valueProblem(box, 'true')).toBe(EXTRA_MESSAGES.checkbox);
    expect(valueProblem(box, 1)).toBe(EXTRA_MESSAGES.checkbox);
  });
  it('empty means absent, null or blank text; an unticked box is empty', () => {
    expect(isEmptyValue('text', undefined)).toBe(true);
    expect(isEmptyValue('text', null)).toBe(true);
    expect(isEmptyValue('text', '   ')).toBe(true);
    expect(isEmptyValue('text', 'x')).toBe(false);
    expect(isEmptyValue('number', 0)).toBe(false);
    expect(isEmptyValue('checkbox', false)).toBe(true);
    expect(isEmptyValue('checkbox', true)).toBe(false);
  });
  it('normalizes text by trimming; blank text is no value', () => {
    expect(normalizeValue('  a b  ')).toBe('a b');
    expect(normalizeValue('   ')).toBeNull();
    expect(normalizeValue(undefined)).toBeNull();
    expect(normalizeValue(3)).toBe(3);
  });
});

describe('checking a whole write', () => {
  const serial = field('serial', { states: { taken: 'required' } });
  const meter = field('meter', { kind: 'number', states: { allocated: 'required' } });
  const locked = field('locked', { states: { allocated: 'readonly' } });
  const secret = field('secret', { states: { taken: 'hidden' } });
  const fields = [serial, meter, locked, secret];

  it('refuses an empty required field with its path', () => {
    const r = checkExtraValues({ fields, status: 'taken', stored: {}, patch: {} });
    expect(r.issues).toEqual([{ path: 'extra.serial', message: EXTRA_MESSAGES.required }]);
  });
  it('accepts it filled, and returns the merged, trimmed values', () => {
    const r = checkExtraValues({ fields, status: 'taken', stored: { locked: 'x' }, patch: { serial: '  SN-1 ' } });
    expect(r.issues).toEqual([]);
    expect(r.values).toEqual({ locked: 'x', serial: 'SN-1' });
  });
  it('refuses blanking a required field', () => {
    const r = checkExtraValues({ fields, status: 'taken', stored: { serial: 'SN-1' }, patch: { serial: '  ' } });
    expect(r.issues).toEqual([{ path: 'extra.serial', message: EXTRA_MESSAGES.required }]);
  });
  it('removes a value set to null in an optional field', () => {
    const r = checkExtraValues({ fields, status: 'confirmed', stored: { locked: 'x', serial: 'SN' }, patch: { locked: null } });
    expect(r.issues).toEqual([]);
    expect(r.values).toEqual({ serial: 'SN' });
  });
  it('refuses changing a read-only field, and lets an unchanged value through', () => {
    const stored = { serial: 'SN', meter: 4, locked: 'before' };
    expect(checkExtraValues({ fields, status: 'allocated', stored, patch: { locked: 'after' } }).issues).toEqual([{ path: 'extra.locked', message: EXTRA_MESSAGES.readonly }]);
    expect(checkExtraValues({ fields, status: 'allocated', stored, patch: { locked: 'before' } }).issues).toEqual([]);
    expect(checkExtraValues({ fields, status: 'allocated', stored, patch: { locked: null } }).issues).toEqual([{ path: 'extra.locked', message: EXTRA_MESSAGES.readonly }]);
  });
  it('refuses changing a hidden field, and keeps its stored value', () => {
    const stored = { serial: 'SN', secret: 'kept' };
    expect(checkExtraValues({ fields, status: 'taken', stored, patch: { secret: 'new' } }).issues).toEqual([{ path: 'extra.secret', message: EXTRA_MESSAGES.hidden }]);
    const r = checkExtraValues({ fields, status: 'taken', stored, patch: { serial: 'SN-2' } });
    expect(r.issues).toEqual([]);
    expect(r.values.secret).toBe('kept');
  });
  it('refuses an id that is not a field of the type, but keeps stored values of fields that no longer apply', () => {
    expect(checkExtraValues({ fields, status: 'taken', stored: { serial: 'SN' }, patch: { nope: 'x' } }).issues).toEqual([{ path: 'extra.nope', message: EXTRA_MESSAGES.unknown }]);
    const r = checkExtraValues({ fields, status: 'taken', stored: { serial: 'SN', oldTypeField: 'still here' }, patch: { serial: 'SN', oldTypeField: 'still here' } });
    expect(r.issues).toEqual([]);
    expect(r.values.oldTypeField).toBe('still here');
  });
  it('refuses a value of the wrong kind with the kind’s message', () => {
    const r = checkExtraValues({ fields, status: 'taken', stored: {}, patch: { serial: 'SN', meter: 'four' } });
    expect(r.issues).toEqual([{ path: 'extra.meter', message: EXTRA_MESSAGES.number }]);
  });
  it('reports one issue per field, all fields at once', () => {
    const r = checkExtraValues({ fields, status: 'allocated', stored: { locked: 'a' }, patch: { meter: 'x', locked: 'b' } });
    // meter is required in allocated too, but its wrong value is the one message it gets.
    expect(r.issues).toEqual([
      { path: 'extra.meter', message: EXTRA_MESSAGES.number },
      { path: 'extra.locked', message: EXTRA_MESSAGES.readonly },
    ]);
  });
  it('refuses more values than a form can send', () => {
    const patch = Object.fromEntries(Array.from({ length: 201 }, (_, i) => [`f${i}`, 'x']));
    expect(checkExtraValues({ fields, status: 'confirmed', stored: {}, patch }).issues[0]?.path).toBe('extra');
  });
  it('a required checkbox must be ticked', () => {
    const box = field('box', { kind: 'checkbox', states: { finalized: 'required' } });
    expect(missingRequired([box], 'finalized', { box: false })).toEqual([{ path: 'extra.box', message: EXTRA_MESSAGES.required }]);
    expect(missingRequired([box], 'finalized', { box: true })).toEqual([]);
  });
});

describe('transitions: required in the status the write produces', () => {
  const facts: StatusFacts = { cancelledAt: null, finalizedAt: null, plannedStart: null, plannedEnd: null, teamId: null, verifierId: null, technicianAnswers: [] };
  const planned: StatusFacts = { ...facts, plannedStart: 1, plannedEnd: 2, teamId: 't', verifierId: 'v' };
  const meter = field('meter', { kind: 'number', states: { allocated: 'required' } });
  const report = field('report', { states: { finalized: 'required', confirmed: 'optional' } });

  it('saving in taken does not need what allocated needs', () => {
    expect(checkExtraValues({ fields: [meter], status: computeStatus(facts), stored: {} }).issues).toEqual([]);
  });
  it('planning that allocates needs the fields required in allocated', () => {
    const status = computeStatus(planned);
    expect(status).toBe('allocated');
    expect(checkExtraValues({ fields: [meter], status, stored: {} }).issues).toEqual([{ path: 'extra.meter', message: EXTRA_MESSAGES.required }]);
    expect(checkExtraValues({ fields: [meter], status, stored: {}, patch: { meter: 12 } }).issues).toEqual([]);
  });
  it('confirming (every technician accepted) needs what confirmed needs, and finalizing what finalized needs', () => {
    const confirmed = computeStatus({ ...planned, technicianAnswers: ['accepted'] });
    expect(confirmed).toBe('confirmed');
    expect(missingRequired([meter, report], confirmed, { meter: 1 })).toEqual([]);
    const finalized = computeStatus({ ...planned, technicianAnswers: ['accepted'], finalizedAt: 3 });
    expect(missingRequired([meter, report], finalized, { meter: 1 })).toEqual([{ path: 'extra.report', message: EXTRA_MESSAGES.required }]);
    expect(missingRequired([meter, report], finalized, { meter: 1, report: 'Replaced the pump' })).toEqual([]);
  });
  it('a rejection (back to taken) does not need what allocated needs', () => {
    const back = computeStatus({ ...planned, technicianAnswers: ['rejected'] });
    expect(back).toBe('taken');
    expect(missingRequired([meter], back, {})).toEqual([]);
  });
});

describe('definitions that would block an intervention', () => {
  const base = { requestTypeId: 'rt', kind: 'text' as const, labels: { en: 'Report', ro: 'Raport', 'pt-BR': 'Relatório', ca: 'Informe' } };
  it('refuses a field required to finalize that is read-only or hidden while confirmed', () => {
    for (const state of ['readonly', 'hidden'] as const) {
      const r = extraFieldDefinitionInput.safeParse({ ...base, states: { confirmed: state, finalized: 'required' } });
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['states', 'confirmed']);
    }
  });
  it('accepts it when editable before, and a read-only field that is not required next', () => {
    expect(extraFieldDefinitionInput.safeParse({ ...base, states: { confirmed: 'optional', finalized: 'required' } }).success).toBe(true);
    expect(extraFieldDefinitionInput.safeParse({ ...base, states: { allocated: 'readonly', confirmed: 'optional' } }).success).toBe(true);
    expect(extraFieldDefinitionInput.safeParse({ ...base, states: { taken: 'hidden', allocated: 'required' } }).success).toBe(false);
  });
});
