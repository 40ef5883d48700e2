import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createI18n, resources } from '../../src/shared/i18n';
import { LANGUAGES, type Language } from '../../src/shared/i18n/languages';

const ROOT = join(__dirname, '../..');
const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj: object, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') for (const [kk, vv] of flatten(v as object, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

const flat = Object.fromEntries(LANGUAGES.map((l) => [l, flatten(resources[l].translation)])) as Record<Language, Map<string, unknown>>;

/** Keys with each plural family folded into its base: what every language must share. */
function shape(keys: Iterable<string>): Set<string> {
  return new Set([...keys].map((k) => k.replace(PLURAL, '#plural')));
}

function pluralFamilies(keys: Iterable<string>): Map<string, Set<string>> {
  const families = new Map<string, Set<string>>();
  for (const k of keys) {
    const m = PLURAL.exec(k);
    if (!m) continue;
    const base = k.slice(0, m.index);
    if (!families.has(base)) families.set(base, new Set());
    families.get(base)!.add(m[1]!);
  }
  return families;
}

const variables = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const rendererSources = sourceFiles(join(ROOT, 'src/renderer')).map((file) => ({ file: relative(ROOT, file), text: readFileSync(file, 'utf8') }));

describe('i18n catalogues', () => {
  const enShape = shape(flat.en.keys());

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s has exactly the keys of en', (lang) => {
    const mine = shape(flat[lang].keys());
    expect([...enShape].filter((k) => !mine.has(k)), 'missing').toEqual([]);
    expect([...mine].filter((k) => !enShape.has(k)), 'extra').toEqual([]);
  });

  it.each(LANGUAGES)('%s has no empty or padded strings', (lang) => {
    for (const [key, value] of flat[lang]) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
      expect((value as string).trim(), key).toBe(value);
    }
  });

  it.each(LANGUAGES)('%s plural families have exactly the categories of Intl.PluralRules', (lang) => {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories.slice().sort();
    const families = pluralFamilies(flat[lang].keys());
    expect(families.size).toBeGreaterThan(0);
    for (const [base, suffixes] of families) expect([...suffixes].sort(), base).toEqual(categories);
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s uses the same {{variables}} as en', (lang) => {
    for (const [key, value] of flat[lang]) {
      const enKey = PLURAL.test(key) ? key.replace(PLURAL, '_other') : key;
      expect(variables(value as string), key).toEqual(variables(flat.en.get(enKey) as string));
    }
  });

  it('Romanian uses comma-below ș and ț, never the cedilla forms', () => {
    for (const [key, value] of flat.ro) expect(/[şţŞŢ]/.test(value as string), key).toBe(false);
  });

  it('speaks the words of the glossary', () => {
    expect(flat.ro.get('nav.interventions')).toBe('Intervenții');
    expect(flat.ro.get('nav.clients')).toBe('Clienți');
    expect(flat['pt-BR'].get('nav.interventions')).toBe('Atendimentos');
    expect(flat.ca.get('nav.interventions')).toBe('Sol·licituds');
    expect(flat.ro.get('status.sessionLocked')).toBe('Sesiune blocată la modificări');
  });
});

describe('keys used by the renderer', () => {
  const used = new Map<string, string>();
  for (const { file, text } of rendererSources) {
    for (const m of text.matchAll(/\bt\(\s*(['"])([^'"]+)\1/g)) used.set(m[2]!, file);
  }

  it('finds the keys (the scan works)', () => {
    expect(used.size).toBeGreaterThan(60);
  });

  it('calls t() with literal keys only', () => {
    const dynamic = rendererSources.flatMap(({ file, text }) =>
      [...text.matchAll(/\bt\(\s*(?!['")])/g)].map((m) => `${file}: ${text.slice(m.index, m.index + 40)}`),
    );
    expect(dynamic).toEqual([]);
  });

  it.each(LANGUAGES)('every key exists in %s', (lang) => {
    const missing = [...used].filter(([key]) => !flat[lang].has(key) && !flat[lang].has(`${key}_other`)).map(([key, file]) => `${key} (${file})`);
    expect(missing).toEqual([]);
  });
});

describe('createI18n', () => {
  it('chooses Romanian plural forms', () => {
    const i18n = createI18n('ro');
    expect(i18n.t('overview.interventions', { count: 1 })).toBe('intervenție');
    expect(i18n.t('overview.interventions', { count: 19 })).toBe('intervenții');
    expect(i18n.t('overview.interventions', { count: 20 })).toBe('de intervenții');
  });

  it('has the "many" form Portuguese and Catalan use for millions', () => {
    expect(createI18n('pt-BR').t('overview.clients', { count: 1_000_000 })).toBe('de clientes');
    expect(createI18n('ca').t('overview.personnel', { count: 1_000_000 })).toBe('d’empleats');
    expect(createI18n('pt-BR').t('overview.clients', { count: 0 })).toBe('cliente');
  });

  it('tells about missing keys and keeps languages apart', () => {
    const missing: string[] = [];
    const i18n = createI18n('ca', { onMissingKey: (lng, key) => missing.push(`${lng}:${key}`) });
    expect(i18n.t('nav.interventions')).toBe('Sol·licituds');
    expect(missing).toEqual([]);
    (i18n.t as (k: string) => string)('no.such.key');
    expect(missing).toEqual(['ca:no.such.key']);
    expect(createI18n('en').t('nav.interventions')).toBe('Interventions');
  });
});
