import { brazil } from './brazil';
import { catalonia } from './catalonia';
import { portugal } from './portugal';
import { romania } from './romania';
import type { CountryData } from './types';

export const COUNTRIES: readonly CountryData[] = [romania, portugal, brazil, catalonia];
export type { CountryData, PhonePattern,  } from './types';
export { REQUEST_TYPES, type Family, type RequestTypeSeed } from './request-types';
export { PRODUCTS } from './products';
export { TEAMS, JOB_TITLES } from './teams';
