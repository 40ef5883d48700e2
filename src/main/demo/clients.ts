import { FISCAL_CODE_KINDS, makeFiscalCode } from '../../shared/domain/fiscal-code';
import { COUNTRIES, type CountryData } from './data';
import { DAY, commitIfFull, inserter, isoDate, type DemoContext } from './context';
import { sortKey } from '../grid/client-sort';
import { companyName, personName, slug } from './names';
import { phoneMaker } from './phones';
import { pick, randInt, weighted, type Rnd } from './prng';
import type { Reference } from './reference';

/** Column-wise so that 50 k clients and their children cost little memory and no objects. */
export interface ClientSet {
  ids: string[];
  /** Each client's name as it sorts (interventions.client_sort), written with the intervention. */
  sortKeys: string[];
  country: Uint8Array;
  contactStart: Int32Array;
  contactCount: Uint8Array;
  contactIds: string[];
  assetStart: Int32Array;
  assetCount: Uint8Array;
  assetIds: string[];
  assetProduct: Int32Array;
  assetSerial: string[];
}

const PREFERRED = [['phone', 5], ['email', 2], ['sms', 1], ['any', 2]] as const;
const ROLES = ['technical', 'billing', 'management'] as const;

export function insertClients(ctx: DemoContext, ref: Reference, count: number): ClientSet {
  const { rnd, uuid } = ctx;
  const set: ClientSet = {
    ids: new Array<string>(count),
    sortKeys: new Array<string>(count),
    country: new Uint8Array(count),
    contactStart: new Int32Array(count),
    contactCount: new Uint8Array(count),
    contactIds: [],
    assetStart: new Int32Array(count),
    assetCount: new Uint8Array(count),
    assetIds: [],
    assetProduct: new Int32Array(count * 3),
    assetSerial: [],
  };
  const client = inserter(ctx, 'clients', [
    'id', 'created_at', 'updated_at', 'version', 'kind', 'name', 'fiscal_code', 'address', 'locality', 'county',
    'country', 'commercial_zone', 'phone', 'work_phone', 'email', 'notes',
  ]);
  const contact = inserter(ctx, 'contact_persons', [
    'id', 'created_at', 'updated_at', 'version', 'client_id', 'name', 'job_function', 'role', 'phone', 'email', 'preferred_contact',
  ]);
  const asset = inserter(ctx, 'client_assets', [
    'id', 'created_at', 'updated_at', 'version', 'client_id', 'product_id', 'serial', 'lot', 'invoice_number', 'invoice_date', 'notes',
  ]);
  const countryTable = COUNTRIES.map((c, i) => [i, c.weight] as const);
  const mobiles = COUNTRIES.map((c) => phoneMaker(c, c.mobile, rnd));
  const landlines = COUNTRIES.map((c) => phoneMaker(c, c.landline, rnd));
  // Clients were registered over the three years before the demo's first intervention.
  const oldest = ctx.now - 4 * 365 * DAY;
  const span = 3 * 365 * DAY;
  const firstIntervention = ctx.now - 365 * DAY;
  let invoiceSeq = 1000;

  for (let i = 0; i < count; i++) {
    const ci = weighted(rnd, countryTable);
    const c = COUNTRIES[ci] as CountryData;
    const created = oldest + Math.floor(((i + rnd()) / count) * span);
    const id = uuid(created);
    const company = rnd() < 0.6;
    const kinds = FISCAL_CODE_KINDS[c.country];
    // Companies get the first kind (CIF, NIPC, CNPJ, CIF); persons one of the others.
    const kind = company ? kinds[0] : (kinds[1 + (kinds.length > 2 && rnd() < 0.15 ? 1 : 0)] as string);
    const [locality, county, zone] = pick(rnd, c.localities);
    let name: string;
    let email: string;
    if (company) {
      name = companyName(c, rnd);
      email = `${c.companyMailbox}@${slug(name).slice(0, 24)}${i}.example`;
    } else {
      const n = personName(c, rnd);
      name = n.full;
      email = `${slug(n.first)}.${slug(n.last.split(' ')[0] ?? '')}${i}@${pick(rnd, c.personMailDomains)}`;
    }
    const address = c.formatAddress(pick(rnd, c.streetTypes), pick(rnd, c.streetNames), randInt(rnd, 1, 250));
    const mobile = mobiles[ci] as () => string;
    const landline = landlines[ci] as () => string;
    const phone = company ? landline() : mobile();
    const workPhone = company ? mobile() : landline();
    client([
      id, created, created, 1, company ? 'company' : 'person', name, makeFiscalCode(c.country, kind, rnd), address,
      locality, county, c.country, c.zones[zone], phone, workPhone, email, null,
    ]);
    set.ids[i] = id;
    set.sortKeys[i] = sortKey(name) as string;
    set.country[i] = ci;

    set.contactStart[i] = set.contactIds.length;
    const contacts = company ? randInt(rnd, 1, 3) : rnd() < 0.7 ? 1 : 2;
    set.contactCount[i] = contacts;
    for (let k = 0; k < contacts; k++) {
      const n = personName(c, rnd);
      const cid = uuid(created + k + 1);
      contact([
        cid, created + k + 1, created + k + 1, 1, id, n.full, company ? pick(rnd, c.jobFunctions) : null,
        k === 0 ? 'primary' : pick(rnd, ROLES), mobile(),
        `${slug(n.first)}.${slug(n.last.split(' ')[0] ?? '')}${i}${k}@${pick(rnd, c.personMailDomains)}`, weighted(rnd, PREFERRED),
      ]);
      set.contactIds.push(cid);
    }

    set.assetStart[i] = set.assetIds.length;
    const assets = company ? randInt(rnd, 0, 3) : randInt(rnd, 0, 1);
    set.assetCount[i] = assets;
    for (let k = 0; k < assets; k++) {
      const pi = Math.floor(rnd() * ref.products.length);
      const product = ref.products[pi] as Reference['products'][number];
      // Bought after the client registered, and before the demo year starts.
      const bought = created + Math.floor(rnd() * Math.min(300 * DAY, firstIntervention - created));
      const aid = uuid(bought);
      const serial = serialNumber(product.serialPrefix, rnd);
      invoiceSeq += randInt(rnd, 1, 40);
      asset([
        aid, bought, bought, 1, id, product.id, serial, `L${isoDate(bought).slice(2, 7).replace('-', '')}`,
        `F-${isoDate(bought).slice(0, 4)}-${invoiceSeq}`, isoDate(bought), null,
      ]);
      set.assetProduct[set.assetIds.length] = pi;
      set.assetIds.push(aid);
      set.assetSerial.push(serial);
    }
    commitIfFull(ctx);
  }
  return set;
}

const ALNUM = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';

function serialNumber(prefix: string, rnd: Rnd): string {
  let s = prefix;
  for (let i = 0; i < 9; i++) s += ALNUM[Math.floor(rnd() * ALNUM.length)];
  return s;
}
