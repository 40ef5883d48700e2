import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryData, PhonePattern } from './data';
import { pick, type Rnd } from './prng';

/**
 * Makes phone numbers valid for a country. Each candidate is checked with the strict ("max")
 * metadata, so numbers are in ranges actually assigned (about 6 µs a check: ~1 s for the
 * ~200 k phones of a 1 M-intervention demo, cheaper than being wrong for a rare sub-range).
 */
export function phoneMaker(country: CountryData, patterns: readonly PhonePattern[], rnd: Rnd): () => string {
  if (patterns.length === 0) throw new Error(`No phone patterns for ${country.country}`);
  return () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const p = pick(rnd, patterns);
      let n = p.prefix;
      while (n.length - 1 < p.length) n += String(Math.floor(rnd() * 10));
      if (isValidPhoneNumber(n) && parsePhoneNumberFromString(n)?.country === country.country) return n;
    }
    throw new Error(`The phone patterns of ${country.country} give no valid number: check data/${country.country}`);
  };
}
