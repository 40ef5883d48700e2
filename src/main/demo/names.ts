import type { CountryData } from './data';
import { pick, type Rnd } from './prng';

export interface PersonName {
  first: string;
  last: string;
  full: string;
}

export function personName(c: CountryData, rnd: Rnd): PersonName {
  const first = pick(rnd, c.firstNames);
  let last = pick(rnd, c.surnames);
  if (c.surnamesPerName === 2) {
    let second = pick(rnd, c.surnames);
    if (second === last) second = pick(rnd, c.surnames);
    last = `${last} ${second}`;
  }
  return { first, last, full: `${first} ${last}` };
}

export function companyName(c: CountryData, rnd: Rnd): string {
  const suffix = pick(rnd, c.companySuffixes);
  const a = pick(rnd, c.companyWords);
  const r = rnd();
  // "Construct Tehnic SRL", "Popescu Instal SRL", "Serveis Puig i Ferrer, S.L."
  let body: string;
  if (r < 0.55) {
    let b = pick(rnd, c.companyWords);
    if (b === a) b = pick(rnd, c.companyWords);
    body = `${a} ${b}`;
  } else if (r < 0.85) body = `${pick(rnd, c.surnames)} ${a}`;
  else body = `${a} ${pick(rnd, c.surnames)} & ${pick(rnd, c.surnames)}`;
  // Iberian usage puts a comma before the legal form.
  return c.country === 'RO' ? `${body} ${suffix}` : `${body}, ${suffix}`;
}

/** ASCII slug for mail addresses: "Ștefănescu" → "stefanescu". */
export function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}
