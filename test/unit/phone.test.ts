import { describe, it, expect } from 'vitest';
import { formatPhone, normalizePhone } from '../../src/shared/domain/phone';

describe('normalizePhone', () => {
  it.each([
    ['0721 234 567', 'RO', '+40721234567'],
    ['021 312 34 56', 'RO', '+40213123456'],
    ['0040 721 234 567', 'RO', '+40721234567'],
    ['+40 (721) 234-567', 'PT', '+40721234567'], // an explicit prefix wins over the default country
    ['912 345 678', 'PT', '+351912345678'],
    ['21 123 4567', 'pt', '+351211234567'],
    ['(11) 91234-5678', 'BR', '+5511912345678'],
    ['11 3456-7890', 'BR', '+551134567890'],
    ['612 34 56 78', 'ES', '+34612345678'],
    ['93 123 45 67', 'ES', '+34931234567'],
    ['  +34 972 20 30 40  ', 'RO', '+34972203040'],
  ])('%s (%s) → %s', (input, country, e164) => {
    expect(normalizePhone(input, country)).toEqual({ ok: true, e164 });
  });

  it('reports empty input', () => {
    expect(normalizePhone('', 'RO')).toEqual({ ok: false, reason: 'empty' });
    expect(normalizePhone('   ', 'RO')).toEqual({ ok: false, reason: 'empty' });
    expect(normalizePhone(null, 'RO')).toEqual({ ok: false, reason: 'empty' });
    expect(normalizePhone(undefined, 'RO')).toEqual({ ok: false, reason: 'empty' });
  });

  it.each([
    ['123', 'RO'],
    ['abc', 'PT'],
    ['0721 234 567 89', 'RO'], // too long
    ['0721 234', 'RO'], // too short
    ['call me on 0721234567', 'RO'], // only a number, not text around one
    ['0721234567', 'XX'], // national number, unknown country
    ['0721234567', ''],
  ])('rejects %s (%s)', (input, country) => {
    expect(normalizePhone(input, country)).toEqual({ ok: false, reason: 'invalid' });
  });

  it('rejects non-string input', () => {
    expect(normalizePhone(40721234567, 'RO')).toEqual({ ok: false, reason: 'invalid' });
    expect(normalizePhone({ phone: '0721234567' }, 'RO')).toEqual({ ok: false, reason: 'invalid' });
  });
});

describe('formatPhone', () => {
  it('shows E.164 numbers in international format', () => {
    expect(formatPhone('+40721234567')).toBe('+40 721 234 567');
    expect(formatPhone('+351912345678')).toBe('+351 912 345 678');
    expect(formatPhone('+5511912345678')).toBe('+55 11 91234 5678');
    expect(formatPhone('+34612345678')).toBe('+34 612 34 56 78');
  });
  it('returns what it cannot parse unchanged', () => {
    expect(formatPhone('not a number')).toBe('not a number');
  });
});
