import type { TFunction } from 'i18next';
import type { FieldIssue } from '../../../../shared/api/result';
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../../../shared/i18n/languages';
import type { RequestTypeAdminRow } from '../../../../shared/api/request-types';
import { CODE_MAX, DESCRIPTION_MAX, NAME_MAX } from '../../../../shared/api/request-types';

/** Users know three levels: Classification 1/2/3 (mirrors MAX_DEPTH in main). */
export const MAX_LEVEL = 3;

export interface TypeForm {
  code: string;
  sequence: number;
  active: boolean;
  parentId: string | null;
  names: Record<Language, string>;
  description: string;
  responsibleTeamId: string | null;
  onPortal: boolean;
  recordCalls: boolean;
  mailClient: boolean;
  defaultPriority: 1 | 2 | 3;
}

/** The keys of the editor's fields, as the server's issue paths name them below `values.`. */
export type TypeFieldKey = 'code' | 'sequence' | 'active' | 'parentId' | `names.${Language}` | 'description' | 'responsibleTeamId' | 'onPortal' | 'recordCalls' | 'mailClient' | 'defaultPriority';
export type TypeErrors = Partial<Record<TypeFieldKey | 'form', string>>;

export function formOf(r: RequestTypeAdminRow): TypeForm {
  return {
    code: r.code,
    sequence: r.sequence,
    active: r.active,
    parentId: r.parentId,
    names: { ...r.names },
    description: r.description ?? '',
    responsibleTeamId: r.responsibleTeamId,
    onPortal: r.onPortal,
    recordCalls: r.recordCalls,
    mailClient: r.mailClient,
    defaultPriority: (r.defaultPriority >= 1 && r.defaultPriority <= 3 ? r.defaultPriority : 2) as 1 | 2 | 3,
  };
}

export function newForm(parent: RequestTypeAdminRow | null, rows: readonly RequestTypeAdminRow[]): TypeForm {
  const siblings = rows.filter((r) => r.parentId === (parent?.id ?? null));
  return {
    code: parent ? `${parent.code}-` : '',
    sequence: siblings.reduce((m, r) => Math.max(m, r.sequence), 0) + 10,
    // Under an inactive parent a new type starts inactive (main refuses an active one there).
    active: parent ? parent.active : true,
    parentId: parent?.id ?? null,
    names: { en: '', ro: '', 'pt-BR': '', ca: '' },
    description: '',
    responsibleTeamId: parent?.responsibleTeamId ?? null,
    onPortal: parent?.onPortal ?? false,
    recordCalls: false,
    mailClient: false,
    defaultPriority: (parent?.defaultPriority ?? 2) as 1 | 2 | 3,
  };
}

export function valuesOf(f: TypeForm) {
  return {
    code: f.code.trim(),
    parentId: f.parentId,
    sequence: f.sequence,
    active: f.active,
    names: { en: f.names.en.trim(), ro: f.names.ro.trim(), 'pt-BR': f.names['pt-BR'].trim(), ca: f.names.ca.trim() },
    description: f.description.trim() || null,
    responsibleTeamId: f.responsibleTeamId,
    onPortal: f.onPortal,
    recordCalls: f.recordCalls,
    mailClient: f.mailClient,
    defaultPriority: f.defaultPriority,
  };
}

const KEYS: TypeFieldKey[] = ['code', 'sequence', 'active', 'parentId', ...LANGUAGES.map((l) => `names.${l}` as const), 'description', 'responsibleTeamId', 'onPortal', 'recordCalls', 'mailClient', 'defaultPriority'];

function valueAt(f: TypeForm, k: TypeFieldKey): unknown {
  if (k.startsWith('names.')) return f.names[k.slice(6) as Language].trim();
  const v = f[k as keyof TypeForm];
  return typeof v === 'string' ? v.trim() : v;
}

/** The fields that differ between two forms. */
export function changedKeys(a: TypeForm, b: TypeForm): TypeFieldKey[] {
  return KEYS.filter((k) => valueAt(a, k) !== valueAt(b, k));
}

/** `over` with the fields `keys` taken from `from`. */
export function withKeys(over: TypeForm, from: TypeForm, keys: readonly TypeFieldKey[]): TypeForm {
  const out: TypeForm = { ...over, names: { ...over.names } };
  for (const k of keys) {
    if (k.startsWith('names.')) out.names[k.slice(6) as Language] = from.names[k.slice(6) as Language];
    else (out as unknown as Record<string, unknown>)[k] = from[k as keyof TypeForm];
  }
  return out;
}

export function displayValue(t: TFunction, f: TypeForm, k: TypeFieldKey, rows: readonly RequestTypeAdminRow[], teams: readonly { id: string; name: string }[], lang: Language): string {
  switch (k) {
    case 'active':
    case 'onPortal':
    case 'recordCalls':
    case 'mailClient':
      return f[k] ? t('adminTypes.yes') : t('adminTypes.no');
    case 'parentId': {
      const p = rows.find((r) => r.id === f.parentId);
      return p ? `${p.code} · ${p.names[lang]}` : t('adminTypes.editor.topLevel');
    }
    case 'responsibleTeamId':
      return teams.find((x) => x.id === f.responsibleTeamId)?.name ?? '';
    case 'defaultPriority':
      return priorityLabel(t, f.defaultPriority);
    default: {
      const v = valueAt(f, k);
      return typeof v === 'string' || typeof v === 'number' ? String(v) : '';
    }
  }
}

function priorityLabel(t: TFunction, p: number): string {
  return p === 1 ? t('adminTypes.priority.low') : p === 3 ? t('adminTypes.priority.high') : t('adminTypes.priority.medium');
}

export function fieldLabel(t: TFunction, k: TypeFieldKey): string {
  switch (k) {
    case 'code':
      return t('adminTypes.editor.code');
    case 'sequence':
      return t('adminTypes.editor.sequence');
    case 'active':
      return t('adminTypes.editor.active');
    case 'parentId':
      return t('adminTypes.editor.parent');
    case 'description':
      return t('adminTypes.editor.description');
    case 'responsibleTeamId':
      return t('adminTypes.editor.team');
    case 'onPortal':
      return t('adminTypes.editor.onPortal');
    case 'recordCalls':
      return t('adminTypes.editor.recordCalls');
    case 'mailClient':
      return t('adminTypes.editor.mailClient');
    case 'defaultPriority':
      return t('adminTypes.editor.priority');
    default:
      return t('adminTypes.editor.nameIn', { language: LANGUAGE_NAMES[k.slice(6) as Language] });
  }
}

const CODE_RE = /^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;

/** The checks main makes on shape, here first so the messages come in the user's language. */
export function localErrors(t: TFunction, f: TypeForm): TypeErrors {
  const e: TypeErrors = {};
  const code = f.code.trim();
  if (!code) e.code = t('adminTypes.errors.required');
  else if (code.length > CODE_MAX) e.code = t('adminTypes.errors.tooLong', { max: CODE_MAX });
  else if (!CODE_RE.test(code)) e.code = t('adminTypes.errors.codeFormat');
  for (const l of LANGUAGES) {
    const n = f.names[l].trim();
    if (!n) e[`names.${l}`] = t('adminTypes.errors.required');
    else if (n.length > NAME_MAX) e[`names.${l}`] = t('adminTypes.errors.tooLong', { max: NAME_MAX });
  }
  if (f.description.trim().length > DESCRIPTION_MAX) e.description = t('adminTypes.errors.tooLong', { max: DESCRIPTION_MAX });
  if (!Number.isInteger(f.sequence) || f.sequence < 0 || f.sequence > 100_000) e.sequence = t('adminTypes.errors.sequence');
  return e;
}

/** Main's field issues on the editor's fields; the duplicate code is said in the user's language. */
export function errorsFromIssues(t: TFunction, issues: readonly FieldIssue[], message: string): TypeErrors {
  const e: TypeErrors = {};
  for (const i of issues) {
    const key = i.path.replace(/^values\./, '') as TypeFieldKey;
    if (!KEYS.includes(key)) {
      e.form = i.message && i.message.length > 12 ? i.message : message;
      continue;
    }
    e[key] = key === 'code' && /already used/.test(i.message) ? t('adminTypes.errors.codeTaken', { detail: i.message }) : i.message;
  }
  return e;
}

/** Ids of the type's descendants (not itself). */
export function descendantIds(rows: readonly RequestTypeAdminRow[], id: string): Set<string> {
  const out = new Set<string>();
  let frontier = [id];
  while (frontier.length > 0) {
    const next: string[] = [];
    for (const r of rows) {
      if (!r.parentId || !frontier.includes(r.parentId) || out.has(r.id)) continue;
      out.add(r.id);
      next.push(r.id);
    }
    frontier = next;
  }
  return out;
}

/** Levels of the branch starting at the type (1 for a type without sub-types). */
export function branchHeight(rows: readonly RequestTypeAdminRow[], id: string): number {
  const self = rows.find((r) => r.id === id);
  if (!self) return 1;
  let h = 1;
  for (const d of descendantIds(rows, id)) {
    const r = rows.find((x) => x.id === d);
    if (r) h = Math.max(h, r.depth - self.depth + 1);
  }
  return h;
}

/** Folds case and diacritics, so "stefan" finds "Ștefan" and "instalacao" finds "Instalação". */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLocaleLowerCase();
}
