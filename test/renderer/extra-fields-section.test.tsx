// @vitest-environment jsdom
import { DatesProvider } from '@mantine/dates';
import { useState } from 'react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Language } from '../../src/shared/i18n/languages';
import { ExtraFieldsSection } from '../../src/renderer/src/features/interventions/extra-fields-section';
import { extraPatch, sameExtra } from '../../src/renderer/src/features/interventions/extra-fields-model';
import { FakeTransport, click, flush, mount, stubBrowser, typeInto, type Mounted } from './support';
import type { RequestTypeExtras } from '../../src/shared/api/interventions';
import type { ExtraFieldDefinition, ExtraFieldValue, RequestTypeTemplate } from '../../src/shared/api/request-types';
import type { InterventionDetail } from '../../src/shared/api/interventions';

beforeAll(stubBrowser);

const def = (id: string, over: Partial<ExtraFieldDefinition> = {}): ExtraFieldDefinition => ({
  id,
  version: 1,
  requestTypeId: 'rt-1',
  kind: 'text',
  labels: { en: `${id} en`, ro: `${id} ro`, 'pt-BR': `${id} pt`, ca: `${id} ca` },
  options: [],
  states: {},
  sequence: 0,
  active: true,
  ...over,
});

const FIELDS: ExtraFieldDefinition[] = [
  def('serial', { states: { taken: 'required' }, labels: { en: 'Serial number', ro: 'Serie aparat', 'pt-BR': 'Série', ca: 'Sèrie' } }),
  def('meter', { kind: 'number', states: { allocated: 'required' } }),
  def('fuel', { kind: 'choice', options: ['Gas', 'Electric'] }),
  def('visit', { kind: 'date' }),
  def('agreed', { kind: 'checkbox', states: { taken: 'readonly' } }),
  def('internal', { states: { taken: 'hidden' } }),
];
const TEMPLATES: RequestTypeTemplate[] = [
  { id: 'tpl-1', version: 1, requestTypeId: 'rt-1', name: 'Safety checklist', mode: 'mandatory', sequence: 0, attachment: { id: 'att-1', fileName: 'checklist.pdf', size: 1200, mimeType: 'application/pdf' } },
  { id: 'tpl-2', version: 1, requestTypeId: 'rt-1', name: 'Leaflet', mode: 'informative', sequence: 1, attachment: { id: 'att-2', fileName: 'leaflet.pdf', size: 900, mimeType: 'application/pdf' } },
];

type Facts = { plannedStart: number | null; plannedEnd: number | null; teamId: string | null; verifierId: string | null };
const NO_PLAN: Facts = { plannedStart: null, plannedEnd: null, teamId: null, verifierId: null };
const PLAN: Facts = { plannedStart: 1, plannedEnd: 2, teamId: 't-1', verifierId: 'p-1' };

interface HarnessProps {
  requestTypeId: string | null;
  detail?: InterventionDetail | null;
  facts?: Facts;
  errors?: Record<string, string>;
  readOnly?: boolean;
  initial?: Record<string, ExtraFieldValue>;
  /** A button (data-testid switch-type) changes the request type to this one. */
  switchTo?: string;
  changes: [string, ExtraFieldValue][];
  /** Sees every value the form holds after each change. */
  onValues?: (v: Record<string, ExtraFieldValue>) => void;
}

/** The section as the form holds it: values in state, every change recorded. */
function Harness({ requestTypeId, detail = null, facts = NO_PLAN, errors = {}, readOnly = false, initial = {}, switchTo, changes, onValues }: HarnessProps) {
  const [values, setValues] = useState(initial);
  const [typeId, setTypeId] = useState(requestTypeId);
  onValues?.(values);
  return (
    <DatesProvider settings={{ locale: 'en' }}>
      {switchTo && (
        <button type="button" data-testid="switch-type" onClick={() => setTypeId(switchTo)}>
          switch
        </button>
      )}
      <ExtraFieldsSection
        requestTypeId={typeId}
        detail={detail}
        facts={facts}
        values={values}
        errors={errors}
        readOnly={readOnly}
        onChange={(id, v) => {
          changes.push([id, v]);
          setValues((x) => ({ ...x, [id]: v }));
        }}
      />
    </DatesProvider>
  );
}

let m: Mounted | null = null;
afterEach(() => {
  m?.unmount();
  m = null;
});

function transport(answer: () => RequestTypeExtras | Error = () => ({ fields: FIELDS, templates: TEMPLATES, filledTemplateIds: [] })) {
  const tr = new FakeTransport();
  tr.answers['interventions.extraFields'] = () => {
    const a = answer();
    return a instanceof Error ? { ok: false, error: { code: 'internal', message: a.message } } : { ok: true, value: a };
  };
  return tr;
}

async function render(props: Omit<HarnessProps, 'changes'>, tr = transport(), language: Language = 'en') {
  const changes: [string, ExtraFieldValue][] = [];
  m = await mount(<Harness {...props} changes={changes} />, tr, language);
  return { m, changes, tr };
}

const input = (id: string) => m!.get(`xf-field-${id}`) as HTMLInputElement;
const labelOf = (el: HTMLElement) => el.closest('.mantine-InputWrapper-root, .mantine-Checkbox-root')?.textContent ?? '';

describe('extra fields on the intervention form', () => {
  it('shows nothing without a request type, and asks nothing', async () => {
    const { tr } = await render({ requestTypeId: null });
    expect(m!.query('xf-section')).toBeNull();
    expect(tr.calls.filter((c) => c.method === 'interventions.extraFields')).toEqual([]);
  });

  it('asks main for the type’s fields as soon as a type is picked, labels in the user’s language', async () => {
    const { tr } = await render({ requestTypeId: 'rt-1' }, transport(), 'ro');
    expect(tr.calls.find((c) => c.method === 'interventions.extraFields')?.input).toEqual({ requestTypeId: 'rt-1' });
    expect(m!.get('xf-section').dataset.status).toBe('taken');
    expect(labelOf(input('serial'))).toContain('Serie aparat');
    expect(labelOf(input('meter'))).toContain('meter ro');
  });

  it('marks required fields, locks read-only ones and leaves hidden ones out, per the status', async () => {
    await render({ requestTypeId: 'rt-1' });
    expect(input('serial').dataset.state).toBe('required');
    expect(input('serial').closest('.mantine-InputWrapper-root')?.querySelector('.mantine-InputWrapper-required')).not.toBeNull();
    expect(input('meter').dataset.state).toBe('optional');
    expect(m!.query('xf-field-internal')).toBeNull();
    const agreed = m!.get('xf-field-agreed').querySelector('input') ?? (m!.get('xf-field-agreed') as HTMLInputElement);
    expect(agreed.disabled).toBe(true);
  });

  it('follows the status the save would produce: planned means allocated', async () => {
    await render({ requestTypeId: 'rt-1', facts: PLAN });
    expect(m!.get('xf-section').dataset.status).toBe('allocated');
    expect(input('meter').dataset.state).toBe('required');
    expect(input('serial').dataset.state).toBe('optional');
    expect(m!.get('xf-field-internal')).toBeTruthy();
    expect(m!.get('xf-field-agreed').dataset.state).toBe('optional');
  });

  it('passes typed values up by field id: text as typed, numbers as numbers, nothing as null', async () => {
    const { changes } = await render({ requestTypeId: 'rt-1' });
    await typeInto(input('serial'), '<script>x</script>');
    await typeInto(input('meter'), '42.5');
    await typeInto(input('meter'), '');
    expect(changes).toContainEqual(['serial', '<script>x</script>']);
    expect(changes).toContainEqual(['meter', 42.5]);
    expect(changes.at(-1)).toEqual(['meter', null]);
    expect(input('serial').value).toBe('<script>x</script>');
  });

  it('shows main’s message under the field, in the user’s language', async () => {
    await render({ requestTypeId: 'rt-1', errors: { 'extra.serial': 'required', 'extra.meter': 'must be a number' } }, transport(), 'pt-BR');
    const wrapper = (id: string) => input(id).closest('.mantine-InputWrapper-root')?.textContent ?? '';
    expect(wrapper('serial')).toContain('Preencha este campo.');
    expect(wrapper('meter')).toContain('Digite um número.');
  });

  it('lists the templates with their mode, a download link, and whether the mandatory one is filled', async () => {
    await render({ requestTypeId: 'rt-1' });
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="xf-template"]')];
    expect(rows.map((r) => r.dataset.mode)).toEqual(['mandatory', 'informative']);
    expect(rows[0]?.textContent).toContain('Safety checklist');
    expect(rows[0]?.textContent).toContain('Mandatory');
    expect(rows[0]?.querySelector('[data-testid="xf-template-missing"]')?.textContent).toBe('Missing');
    expect(rows[1]?.querySelector('[data-testid="xf-template-missing"]')).toBeNull();
    const link = rows[0]?.querySelector<HTMLAnchorElement>('[data-testid="xf-template-download"]');
    expect(link?.getAttribute('href')).toBe('/files/att-1');
    expect(link?.getAttribute('download')).toBe('checklist.pdf');
  });

  it('shows the stored intervention’s copy at once, then asks main with the intervention: a template filled since shows as filled', async () => {
    const detail = {
      id: 'iv-1',
      requestTypeId: 'rt-1',
      extraFields: FIELDS,
      templates: TEMPLATES,
      filledTemplateIds: [],
      cancelledAt: null,
      finalizedAt: null,
      technicians: [],
    } as unknown as InterventionDetail;
    let answer: (() => void) | null = null;
    const tr = transport(() => ({ fields: FIELDS, templates: TEMPLATES, filledTemplateIds: ['tpl-1'] }));
    const call = tr.call.bind(tr);
    // Main answers only when the test says so, to see what shows meanwhile.
    tr.call = (method, input) => {
      if (method !== 'interventions.extraFields') return call(method, input);
      tr.calls.push({ method, input });
      return new Promise((resolve) => (answer = () => void call(method, input).then(resolve)));
    };
    await render({ requestTypeId: 'rt-1', detail, initial: { serial: 'SN-1' }, errors: { 'templates.tpl-2': 'attach the filled-in “Leaflet” to the thread' } }, tr);
    expect(input('serial').value).toBe('SN-1');
    expect(m!.get('xf-template-missing').textContent).toBe('Missing');
    expect(m!.get('xf-template-error').textContent).toContain('Attach the filled-in template');
    expect(tr.calls.find((c) => c.method === 'interventions.extraFields')?.input).toEqual({ requestTypeId: 'rt-1', interventionId: 'iv-1' });
    (answer as (() => void) | null)?.();
    await flush();
    expect(m!.get('xf-template-filled').textContent).toBe('Filled in');
    expect(m!.query('xf-template-missing')).toBeNull();
  });

  it('announces what the next status will need', async () => {
    await render({ requestTypeId: 'rt-1' });
    const wrapper = input('meter').closest('.mantine-InputWrapper-root');
    expect(wrapper?.textContent).toContain('Required once it is planned.');
    expect(input('serial').closest('.mantine-InputWrapper-root')?.textContent).not.toContain('Required once');
  });

  it('a new type drops what was typed for fields it does not have, and keeps their stored values', async () => {
    const other: RequestTypeExtras = { fields: [def('colour', { requestTypeId: 'rt-2' })], templates: [], filledTemplateIds: [] };
    const tr = transport();
    tr.answers['interventions.extraFields'] = (x) => ({ ok: true, value: (x as { requestTypeId: string }).requestTypeId === 'rt-2' ? other : { fields: FIELDS, templates: [], filledTemplateIds: [] } });
    const detail = { id: 'iv-1', requestTypeId: 'rt-1', extraFields: FIELDS, templates: [], filledTemplateIds: [], extra: { meter: 7 }, cancelledAt: null, finalizedAt: null, technicians: [] } as unknown as InterventionDetail;
    let latest: Record<string, ExtraFieldValue> = {};
    const changes: [string, ExtraFieldValue][] = [];
    m = await mount(<Harness requestTypeId="rt-1" detail={detail} initial={{ meter: 7 }} switchTo="rt-2" changes={changes} onValues={(v) => (latest = v)} />, tr);
    await typeInto(input('serial'), 'typed, not saved');
    await typeInto(input('meter'), '8');
    expect(latest).toEqual({ meter: 8, serial: 'typed, not saved' });
    await click(m.get('switch-type'));
    await flush();
    expect(input('colour')).toBeTruthy();
    expect(m.query('xf-field-serial')).toBeNull();
    // The unsaved ones are gone; the stored meter reading is what main has, so nothing to send for it.
    expect(latest).toEqual({ meter: 7, serial: null });
  });

  it('shows main’s message about a field that is not on screen in this status', async () => {
    await render({ requestTypeId: 'rt-1', errors: { 'extra.internal': 'not shown in this status, so it cannot be changed' } });
    expect(m!.get('xf-offscreen-error').textContent).toBe('internal en: This field cannot be changed in this status.');
  });

  it('a closed (read-only) form lets nothing be typed', async () => {
    await render({ requestTypeId: 'rt-1', readOnly: true });
    expect(input('serial').readOnly).toBe(true);
    expect(input('meter').readOnly).toBe(true);
  });

  it('says so when the fields cannot be loaded, and retries', async () => {
    let fail = true;
    await render({ requestTypeId: 'rt-1' }, transport(() => (fail ? new Error('The connection dropped.') : { fields: FIELDS, templates: [], filledTemplateIds: [] })));
    expect(m!.get('xf-error').textContent).toContain('The connection dropped.');
    fail = false;
    await click(m!.get('xf-error').querySelector('button')!);
    await flush();
    expect(m!.query('xf-error')).toBeNull();
    expect(input('serial')).toBeTruthy();
  });

  it('shows nothing for a type without fields or templates', async () => {
    await render({ requestTypeId: 'rt-1' }, transport(() => ({ fields: [], templates: [], filledTemplateIds: [] })));
    expect(m!.query('xf-section')).toBeNull();
    expect(m!.query('xf-loading')).toBeNull();
  });
});

describe('extra values in the form model', () => {
  it('compares as main stores them: blank text is no value, spaces do not count', () => {
    expect(sameExtra({ a: ' x ' }, { a: 'x' })).toBe(true);
    expect(sameExtra({ a: '' }, {})).toBe(true);
    expect(sameExtra({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameExtra({ a: false }, {})).toBe(false);
  });
  it('sends only what changed, null for what was emptied', () => {
    expect(extraPatch({ a: 'x', b: 2, c: '' }, { a: 'x', b: 1, c: 'old' })).toEqual({ b: 2, c: null });
  });
});
