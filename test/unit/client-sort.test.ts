import { describe, expect, it } from 'vitest';
import { sortKey } from '../../src/main/grid/client-sort';

describe('client sort key', () => {
  it('folds accents and case, skips leading punctuation and the Catalan middle dot', () => {
    expect(sortKey('Ștefan Impex SRL')).toBe('stefan impex srl');
    expect(sortKey('ştefan')).toBe('stefan');
    expect(sortKey('Ábaco')).toBe('abaco');
    expect(sortKey('Çelik Comércio')).toBe('celik comercio');
    expect(sortKey('Col·legi Sant Jordi')).toBe('collegi sant jordi');
    expect(sortKey('"ALFA" SRL')).toBe('alfa" srl');
    expect(sortKey('  2 Mai SA')).toBe('2 mai sa');
    expect(sortKey(null)).toBeNull();
    // In byte order "Ștefan" came after "Zeta"; folded it comes before.
    expect(sortKey('Ștefan')! < sortKey('Zeta')!).toBe(true);
    expect(['Zeta', 'ábaco', 'Ștefan', 'Bianca', 'stan'].sort((a, b) => (sortKey(a)! < sortKey(b)! ? -1 : 1))).toEqual(['ábaco', 'Bianca', 'stan', 'Ștefan', 'Zeta']);
  });
});
