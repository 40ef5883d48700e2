import { shellEn } from '../catalogue/shell';
import { authEn } from '../catalogue/auth';
import { gridEn } from '../catalogue/grid';
import { interventionsEn } from '../catalogue/interventions';
import { clientsEn } from '../catalogue/clients';
import { administrationEn } from '../catalogue/administration';
import { requestTypesEn } from '../catalogue/request-types';
import { threadEn } from '../catalogue/thread';

/**
 * The English catalogue, assembled from the capabilities' catalogues (src/shared/i18n/catalogue/,
 * the four languages side by side in each). English is the reference: its shape is the type
 * every other language must have, so a missing or extra key is a type error.
 */
export const en = {
  ...shellEn,
  ...authEn,
  ...gridEn,
  ...interventionsEn,
  ...clientsEn,
  ...administrationEn,
  ...requestTypesEn,
  ...threadEn,
} as const;

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
