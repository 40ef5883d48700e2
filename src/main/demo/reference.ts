import { hashPassword } from '../auth/password';
import { COUNTRIES, JOB_TITLES, PRODUCTS, REQUEST_TYPES, TEAMS, type Family, type RequestTypeSeed } from './data';
import { DAY, inserter, type DemoContext } from './context';
import { personName, slug } from './names';
import { phoneMaker } from './phones';
import { insertExtraFields } from './extra-fields';

/** Per country (index into COUNTRIES): who can take, verify and carry out its interventions. */
interface CountryStaff {
  operators: string[];
  verifiers: string[];
  teams: { id: string; name: string; members: string[] }[];
}

interface RequestTypeRef {
  id: string;
  depth: number;
  /** Ancestors at depth 1, 2, 3 (the type itself at its own depth); null below its depth. */
  class1: string;
  class2: string | null;
  class3: string | null;
  family: Family;
  priority: number;
  root: string;
}

export interface Reference {
  staff: CountryStaff[];
  requestTypes: RequestTypeRef[];
  products: { id: string; family: Family; serialPrefix: string }[];
  interventionSeriesId: string;
}

const TECHS_PER_COUNTRY = 7;
const OPERATORS_PER_COUNTRY = 2;

export function insertReference(ctx: DemoContext): Reference {
  const { rnd, uuid } = ctx;
  // Reference data predates every client and intervention: made five years ago, never changed.
  const t0 = ctx.now - 5 * 365 * DAY;
  const base = (ms: number) => [uuid(ms), ms, ms, 1];

  const person = inserter(ctx, 'personnel', [
    'id', 'created_at', 'updated_at', 'version', 'name', 'job_title', 'email', 'phone',
    'is_operator', 'is_technician', 'is_verifier', 'active',
  ]);
  const team = inserter(ctx, 'teams', ['id', 'created_at', 'updated_at', 'version', 'name', 'leader_id', 'active']);
  const member = inserter(ctx, 'team_members', ['id', 'created_at', 'updated_at', 'version', 'team_id', 'person_id']);

  const staff: CountryStaff[] = [];
  let people = 0;
  const namesById = new Map<string, string>();
  COUNTRIES.forEach((c, ci) => {
    const phone = phoneMaker(c, c.mobile, rnd);
    const titles = JOB_TITLES[c.country];
    const addPerson = (role: 'operator' | 'technician' | 'verifier', verifier: boolean): string => {
      const n = personName(c, rnd);
      const row = base(t0 + people++);
      namesById.set(row[0] as string, n.full);
      person([
        ...row, n.full, titles[role], `${slug(n.first)}.${slug(n.last.split(' ')[0] ?? '')}@callcenter.example`, phone(),
        role === 'operator' ? 1 : 0, role === 'technician' ? 1 : 0, verifier ? 1 : 0, 1,
      ]);
      return row[0] as string;
    };
    const s: CountryStaff = { operators: [], verifiers: [], teams: [] };
    for (let i = 0; i < OPERATORS_PER_COUNTRY; i++) s.operators.push(addPerson('operator', false));
    s.verifiers.push(addPerson('verifier', true));
    const techs: string[] = [];
    // The first technician of each team leads it and also verifies work.
    for (let i = 0; i < TECHS_PER_COUNTRY; i++) techs.push(addPerson('technician', i === 0 || i === 4));
    s.verifiers.push(techs[0] as string, techs[4] as string);
    const countryTeams = TEAMS.filter((t) => t.country === c.country);
    countryTeams.forEach((t, ti) => {
      const members = ti === 0 ? techs.slice(0, 4) : techs.slice(4);
      const row = base(t0 + 100_000 + ci * 10 + ti);
      const id = row[0] as string;
      team([...row, t.name, members[0] ?? null, 1]);
      for (const m of members) member([...base(t0 + 100_100 + ci * 10 + ti), id, m]);
      s.teams.push({ id, name: t.name, members });
    });
    staff.push(s);
  });

  insertUsers(ctx, t0, staff[0] as CountryStaff, namesById);
  const typeIdByCode = new Map<string, string>();
  const requestTypes = insertRequestTypes(ctx, t0, staff, typeIdByCode);
  insertExtraFields(ctx, t0, typeIdByCode);
  const products = insertProducts(ctx, t0);

  const period = inserter(ctx, 'working_periods', ['id', 'created_at', 'updated_at', 'version', 'start_date', 'end_date', 'open']);
  const year = new Date(ctx.now).getUTCFullYear();
  // The current year is the open period; last year stays open too, because the demo's
  // interventions go back 365 days and some of them are still being worked on.
  period([...base(t0), `${year - 1}-01-01`, `${year - 1}-12-31`, 1]);
  period([...base(t0 + 1), `${year}-01-01`, `${year}-12-31`, 1]);

  const seriesRow = base(t0 + 2);
  const series = inserter(ctx, 'series', [
    'id', 'created_at', 'updated_at', 'version', 'doc_type', 'prefix', 'next_number', 'end_number', 'active',
  ]);
  // next_number is set once the interventions are numbered (see generate.ts).
  series([...seriesRow, 'intervention', 'INT', 1, 9_999_999, 1]);
  series([...base(t0 + 3), 'register', 'REG', 1, 9_999_999, 1]);

  return { staff, requestTypes, products, interventionSeriesId: seriesRow[0] as string };
}

/** The demo's logins, each with the password "demo" (told on the first-run screen and in the console). */
export const DEMO_LOGINS = ['admin', 'operator', 'supervisor', 'technician', 'auditor'] as const;
type DemoLogin = (typeof DEMO_LOGINS)[number];

function insertUsers(ctx: DemoContext, t0: number, ro: CountryStaff, namesById: Map<string, string>): void {
  // scrypt is deliberately slow (~50 ms): hash once, share it between the demo logins.
  const hash = hashPassword('demo');
  const user = inserter(ctx, 'users', [
    'id', 'created_at', 'updated_at', 'version', 'login', 'display_name', 'password_hash', 'role', 'rights',
    'language', 'person_id', 'active', 'session_locked',
  ]);
  // The auditor reads everything and changes nothing: rights narrower than the role's.
  const readOnly = JSON.stringify({ interventions: 'read', calendar: 'read', clients: 'read', calls: 'read', recordings: 'read', reports: 'read' });
  const logins: Record<DemoLogin, ['admin' | 'operator' | 'supervisor' | 'technician', string, string]> = {
    admin: ['admin', ro.operators[1] as string, '{}'],
    operator: ['operator', ro.operators[0] as string, '{}'],
    supervisor: ['supervisor', ro.verifiers[0] as string, '{}'],
    technician: ['technician', ro.teams[0]?.members[1] as string, '{}'],
    auditor: ['supervisor', ro.verifiers[1] ?? (ro.verifiers[0] as string), readOnly],
  };
  DEMO_LOGINS.forEach((login, i) => {
    const [role, personId, rights] = logins[login];
    const ms = t0 + 200_000 + i;
    user([ctx.uuid(ms), ms, ms, 1, login, namesById.get(personId) ?? login, hash, role, rights, 'en', personId, 1, 0]);
  });
}

function insertRequestTypes(ctx: DemoContext, t0: number, staff: CountryStaff[], idByCode: Map<string, string>): RequestTypeRef[] {
  const row = inserter(ctx, 'request_types', [
    'id', 'created_at', 'updated_at', 'version', 'parent_id', 'depth', 'code', 'sequence', 'active',
    'name_en', 'name_ro', 'name_pt_br', 'name_ca', 'description', 'responsible_team_id', 'on_portal', 'default_priority',
  ]);
  const allTeams = staff.flatMap((s) => s.teams.map((t) => t.id));
  const out: RequestTypeRef[] = [];
  let n = 0;
  const walk = (seeds: RequestTypeSeed[], parent: RequestTypeRef | null, depth: number) => {
    seeds.forEach((s, i) => {
      const ms = t0 + 300_000 + n;
      const id = ctx.uuid(ms);
      idByCode.set(s.code, id);
      const teamId = allTeams[n % allTeams.length] ?? null;
      n++;
      row([
        id, ms, ms, 1, parent?.id ?? null, depth, s.code, (i + 1) * 10, 1,
        s.en, s.ro, s.ptBr, s.ca, null, teamId, s.onPortal ? 1 : 0, s.priority,
      ]);
      const ref: RequestTypeRef = {
        id,
        depth,
        class1: depth === 1 ? id : (parent as RequestTypeRef).class1,
        class2: depth === 2 ? id : depth > 2 ? (parent as RequestTypeRef).class2 : null,
        class3: depth === 3 ? id : null,
        family: s.family,
        priority: s.priority,
        root: parent?.root ?? s.code,
      };
      out.push(ref);
      if (s.children?.length) walk(s.children, ref, depth + 1);
    });
  };
  walk(REQUEST_TYPES, null, 1);
  return out;
}

function insertProducts(ctx: DemoContext, t0: number): Reference['products'] {
  const row = inserter(ctx, 'products', ['id', 'created_at', 'updated_at', 'version', 'code', 'name', 'unit', 'active']);
  return PRODUCTS.map(([code, name, family, serialPrefix], i) => {
    const ms = t0 + 400_000 + i;
    const id = ctx.uuid(ms);
    row([id, ms, ms, 1, code, name, 'pcs', 1]);
    return { id, family, serialPrefix };
  });
}
