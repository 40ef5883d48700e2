import { describe, it, expect } from 'vitest';
import { FISCAL_CODE_KINDS, makeFiscalCode, validateFiscalCode } from '../../src/shared/domain/fiscal-code';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ok = (country: string, input: string, normalized: string, kind: string) =>
  expect(validateFiscalCode(country, input)).toEqual({ ok: true, normalized, kind });
const bad = (country: string, input: unknown, reason: string) =>
  expect(validateFiscalCode(country, input)).toEqual({ ok: false, reason });

describe('Romania', () => {
  it('accepts real CIFs, with or without the RO prefix and spaces', () => {
    ok('RO', '14399840', '14399840', 'cif'); // Dante International (eMAG)
    ok('RO', 'RO 1590082', '1590082', 'cif'); // OMV Petrom
    ok('RO', 'ro160796', '160796', 'cif'); // Automobile Dacia
    ok('RO', ' 361579 ', '361579', 'cif'); // BRD
    ok('RO', 'RO5022670', '5022670', 'cif'); // Banca Transilvania
  });
  it('accepts a CNP with a valid date and control digit', () => {
    ok('RO', '1800101221144', '1800101221144', 'cnp');
    ok('ro', '1800101-221144', '1800101221144', 'cnp');
  });
  it('rejects wrong control digits', () => {
    bad('RO', '14399841', 'check_digit');
    bad('RO', '1800101221145', 'check_digit');
  });
  it('rejects wrong lengths, letters and impossible dates', () => {
    bad('RO', '1', 'format');
    bad('RO', '12345678901', 'format'); // 11 digits: neither CIF nor CNP
    bad('RO', '0160796', 'format'); // leading zero
    bad('RO', '14399A40', 'format');
    bad('RO', '1801301221144', 'format'); // month 13
    bad('RO', '1800230221144', 'format'); // 30 February
  });
});

describe('Portugal', () => {
  it('accepts real NIPCs and a personal NIF', () => {
    ok('PT', '500697256', '500697256', 'nipc'); // EDP
    ok('PT', 'PT 500 960 046', '500960046', 'nipc'); // Caixa Geral de Depósitos
    ok('PT', '504499777', '504499777', 'nipc'); // Galp
    ok('PT', '123456789', '123456789', 'nif');
  });
  it('rejects wrong check digits, lengths, first digits and letters', () => {
    bad('PT', '500697257', 'check_digit');
    bad('PT', '12345678', 'format');
    bad('PT', '1234567890', 'format');
    bad('PT', '400697256', 'format'); // 4 alone is not a valid start
    bad('PT', '50069725A', 'format');
  });
});

describe('Brazil', () => {
  it('accepts CPFs and CNPJs written with punctuation', () => {
    ok('BR', '529.982.247-25', '52998224725', 'cpf');
    ok('BR', '111.444.777-35', '11144477735', 'cpf');
    ok('BR', '11.222.333/0001-81', '11222333000181', 'cnpj');
    ok('BR', '33.000.167/0001-01', '33000167000101', 'cnpj'); // Petrobras
    ok('BR', '00.000.000/0001-91', '00000000000191', 'cnpj'); // Banco do Brasil
  });
  it('accepts the alphanumeric CNPJ (Receita Federal example, from July 2026)', () => {
    ok('BR', '12.ABC.345/01DE-35', '12ABC34501DE35', 'cnpj');
  });
  it('rejects wrong check digits, repeated digits, lengths and letters', () => {
    bad('BR', '529.982.247-26', 'check_digit');
    bad('BR', '11.222.333/0001-82', 'check_digit');
    bad('BR', '111.111.111-11', 'format');
    bad('BR', '5299822472', 'format');
    bad('BR', '529982247AB', 'format');
    bad('BR', '12.ABC.345/01DE-3X', 'format');
  });
});

describe('Spain', () => {
  it('accepts DNI/NIF, NIE and CIF', () => {
    ok('ES', '12345678Z', '12345678Z', 'nif');
    ok('ES', '12345678-z', '12345678Z', 'nif');
    ok('ES', 'X1234567L', 'X1234567L', 'nie');
    ok('ES', 'A28015865', 'A28015865', 'cif'); // Telefónica
    ok('ES', 'G-08266298', 'G08266298', 'cif'); // FC Barcelona
    ok('ES', 'ESB12345674', 'B12345674', 'cif');
    ok('ES', 'Q2826000H', 'Q2826000H', 'cif'); // public body: letter control
  });
  it('rejects wrong control characters', () => {
    bad('ES', '12345678A', 'check_digit');
    bad('ES', 'X1234567M', 'check_digit');
    bad('ES', 'A28015866', 'check_digit');
    bad('ES', 'A2801586E', 'check_digit'); // A requires a digit, even its letter form (E)
    bad('ES', 'Q28260008', 'check_digit'); // Q requires a letter
  });
  it('rejects wrong formats', () => {
    bad('ES', '1234567Z', 'format');
    bad('ES', 'I1234567A', 'format'); // I is not an entity letter
    bad('ES', 'XX234567L', 'format');
  });
});

describe('validateFiscalCode', () => {
  it('reports empty input', () => {
    bad('RO', '', 'empty');
    bad('RO', '  - . / ', 'empty');
    bad('RO', null, 'empty');
    bad('RO', undefined, 'empty');
  });
  it('refuses non-string input rather than guessing (numbers lose leading zeros)', () => {
    bad('RO', 14399840, 'format');
    bad('BR', { cpf: '52998224725' }, 'format');
    bad('PT', ['500697256'], 'format');
  });
  it('accepts any code of up to 32 characters for other countries', () => {
    ok('FR', 'fr 40 303 265 045', 'FR40303265045', 'other');
    ok('de', 'DE129273398', 'DE129273398', 'other');
    bad('IT', 'X'.repeat(33), 'format');
    bad('IT', '', 'empty');
  });
  it('rejects a malformed country', () => {
    bad('', '123', 'unsupported_country');
    bad('ROU', '14399840', 'unsupported_country');
  });
});

describe('makeFiscalCode', () => {
  it('makes codes that validate, with the requested kind', () => {
    const rnd = seeded(7);
    for (const [country, kinds] of Object.entries(FISCAL_CODE_KINDS)) {
      for (const kind of kinds) {
        for (let i = 0; i < 500; i++) {
          const code = makeFiscalCode(country, kind, rnd);
          expect(validateFiscalCode(country, code), `${country} ${kind} ${code}`).toEqual({ ok: true, normalized: code, kind });
        }
      }
    }
  });
  it('refuses unknown countries and kinds', () => {
    expect(() => makeFiscalCode('FR', 'siren', Math.random)).toThrow(/country/);
    expect(() => makeFiscalCode('RO', 'cpf', Math.random)).toThrow(/kind/);
  });
});

// Found by checking against python-stdnum's test vectors (issue: operator-ready, items 23-25).
describe('cases an independent reference disagreed on', () => {
  it('reads Spanish K, L and M numbers as people’s numbers with the DNI letter', () => {
    ok('ES', 'L1111111G', 'L1111111G', 'nif');
    ok('ES', 'M-1234567-L', 'M1234567L', 'nif');
    ok('ES', 'K1234567L', 'K1234567L', 'nif');
    bad('ES', 'M1234567D', 'check_digit'); // a company CIF's control, not the DNI letter
  });
  it('still reads the other entity letters as company CIFs', () => {
    ok('ES', 'B58818501', 'B58818501', 'cif');
    ok('ES', 'Q2826000H', 'Q2826000H', 'cif');
  });
  it('refuses a CNP with a county code that does not exist', () => {
    bad('RO', '1630615993454', 'format'); // county 99
    bad('RO', '1800101491144', 'format'); // county 49, right control digit
    ok('RO', '1800101521148', '1800101521148', 'cnp'); // county 52 (Giurgiu)
  });
  it('takes typographic dashes and non-breaking or zero-width spaces as separators', () => {
    ok('ES', 'B\u201358818501', 'B58818501', 'cif'); // en dash
    ok('ES', '12345678\u2014Z', '12345678Z', 'nif'); // em dash
    ok('RO', '1800101\u2212221144', '1800101221144', 'cnp'); // minus sign
    ok('PT', '501\u00a0964\u202f843', '501964843', 'nipc');
    ok('RO', '\u200b14399840\ufeff', '14399840', 'cif');
    ok('BR', '111.444.777\u201135', '11144477735', 'cpf'); // non-breaking hyphen
  });
});
