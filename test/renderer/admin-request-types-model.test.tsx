import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { branchHeight, changedKeys, descendantIds, errorsFromIssues, fold, formOf, localErrors, newForm, withKeys } from '../../src/renderer/src/features/request-types/model';
import type { RequestTypeAdminRow } from '../../src/shared/api/request-types';

// The keys come back as they are, so the assertions read which message was chosen.
const t = ((key: string) => key) as unknown as TFunction;

function row(id: string, parentId: string | null, depth: number, extra: Partial<RequestTypeAdminRow> = {}): RequestTypeAdminRow {
  return {
    id,
    version: 1,
    parentId,
    depth,
    code: id.toUpperCase(),
    sequence: 10,
    active: true,
    names: { en: `${id} en`, ro: `${id} ro`, 'pt-BR': `${id} pt`, ca: `${id} ca` },
    description: null,
    responsibleTeamId: null,
    onPortal: false,
    recordCalls: false,
    mailClient: false,
    defaultPriority: 2,
    fieldCount: 0,
    templateCount: 0,
    ...extra,
  };
}

const tree = [row('a', null, 1), row('b', 'a', 2, { sequence: 30 }), row('c', 'b', 3), row('d', 'a', 2, { active: false }), row('e', null, 1)];

describe('request types editor model', () => {
  it('knows a branch: its descendants and how many levels it spans', () => {
    expect([...descendantIds(tree, 'a')].sort()).toEqual(['b', 'c', 'd']);
    expect(branchHeight(tree, 'a')).toBe(3);
    expect(branchHeight(tree, 'b')).toBe(2);
    expect(branchHeight(tree, 'e')).toBe(1);
  });

  it('starts a sub-type after its last sibling, inactive under an inactive parent', () => {
    expect(newForm(tree[0] ?? null, tree)).toMatchObject({ parentId: 'a', sequence: 40, active: true, code: 'A-' });
    expect(newForm(tree[3] ?? null, tree)).toMatchObject({ parentId: 'd', active: false });
    expect(newForm(null, tree)).toMatchObject({ parentId: null, sequence: 20 });
  });

  it('checks the shape before sending, with a message per field', () => {
    const f = { ...newForm(null, tree), code: 'has space', names: { en: 'x', ro: '', 'pt-BR': 'p'.repeat(101), ca: 'ok' } };
    expect(localErrors(t, f)).toEqual({ code: 'adminTypes.errors.codeFormat', 'names.ro': 'adminTypes.errors.required', 'names.pt-BR': 'adminTypes.errors.tooLong' });
    expect(localErrors(t, formOf(tree[0] as RequestTypeAdminRow))).toEqual({});
  });

  it('maps main issues to fields and says a taken code in the user language', () => {
    expect(errorsFromIssues(t, [{ path: 'values.code', message: 'The code INS is already used by "Installation".' }, { path: 'values.parentId', message: 'too deep' }], 'x')).toEqual({
      code: 'adminTypes.errors.codeTaken',
      parentId: 'too deep',
    });
  });

  it('merges a stale save: my changed fields over theirs, nothing of theirs lost', () => {
    const base = formOf(tree[1] as RequestTypeAdminRow);
    const mine = { ...base, names: { ...base.names, en: 'Mine' }, sequence: 50 };
    const theirs = { ...base, names: { ...base.names, ro: 'A lor' }, active: false };
    const changed = changedKeys(mine, base);
    expect(changed).toEqual(['sequence', 'names.en']);
    expect(changedKeys(theirs, base)).toEqual(['active', 'names.ro']);
    const merged = withKeys(theirs, mine, changed);
    expect(merged).toMatchObject({ sequence: 50, active: false, names: { en: 'Mine', ro: 'A lor' } });
  });

  it('folds case and diacritics for the search', () => {
    expect(fold('Instalação Ștefan')).toBe('instalacao stefan');
  });
});
