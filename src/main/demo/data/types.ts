/** What the demo needs to know about one country to make believable clients and messages. */
export interface CountryData {
  country: 'RO' | 'PT' | 'BR' | 'ES';
  /** Share of the demo clients in this country. */
  weight: number;
  firstNames: readonly string[];
  surnames: readonly string[];
  /** How many surnames a full name carries (Iberian names usually have two). */
  surnamesPerName: 1 | 2;
  /** Words combined into company names ("Construct" + "Tehnic"). */
  companyWords: readonly string[];
  companySuffixes: readonly string[];
  streetTypes: readonly string[];
  streetNames: readonly string[];
  formatAddress: (streetType: string, streetName: string, number: number) => string;
  /** [locality, county or state, zone key]; zone keys index `zones`. */
  localities: readonly (readonly [string, string, ZoneKey])[];
  zones: Readonly<Record<ZoneKey, string>>;
  /** E.164 prefixes and total digit count after "+"; checked against libphonenumber at start-up. */
  mobile: readonly PhonePattern[];
  landline: readonly PhonePattern[];
  /** Mail domains: all under the reserved .example TLD, so the demo can never mail a real person. */
  companyMailbox: string;
  personMailDomains: readonly string[];
  jobFunctions: readonly string[];
  texts: CountryTexts;
}

type ZoneKey = 'N' | 'S' | 'E' | 'W' | 'C';

export interface PhonePattern {
  prefix: string;
  length: number;
}

/** Free texts in the client's language. {team} and {date} are filled in by the generator. */
interface CountryTexts {
  notes: readonly string[];
  emailsIn: readonly string[];
  systemAllocated: string;
  systemConfirmed: string;
  systemFinalized: string;
  systemCancelled: string;
  systemRejected: string;
  resolutions: readonly string[];
  cancelReasons: readonly string[];
  rejectReasons: readonly string[];
  objectTexts: readonly string[];
  interventionNotes: readonly string[];
  vehicles: readonly string[];
}
