import type { en } from './catalogues';

type PluralSuffix = `_${'zero' | 'one' | 'two' | 'few' | 'many' | 'other'}`;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The shape of `T` with every string widened, and each plural family (`x_one`, `x_other` in
 * English) replaced by the suffixes of the categories `C` of the target language.
 */
type Shape<T, C extends string> = Simplify<
  {
    -readonly [K in keyof T as K extends `${string}${PluralSuffix}` ? never : K]: T[K] extends string ? string : Shape<T[K], C>;
  } & {
    -readonly [K in keyof T as K extends `${infer B}_other` ? `${B}_${C}` : never]: string;
  }
>;

/**
 * A catalogue for a language whose Intl.PluralRules categories are `C`: the same keys as
 * English, so a missing or extra key is a type error.
 */
export type Catalogue<C extends string = 'one' | 'other'> = Shape<typeof en, C>;
