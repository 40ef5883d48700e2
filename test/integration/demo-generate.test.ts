import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isValidPhoneNumber, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRaw, wrap, type RawDb } from '../../src/main/db/connection';
import { runMigrations } from '../../src/main/db/migrate';
import { generateDemo, type DemoSummary } from '../../src/main/demo/generate';
import { sortKey } from '../../src/main/grid/client-sort';
import { verifyPassword } from '../../src/main/auth/password';
import { validateFiscalCode } from '../../src/shared/domain/fiscal-code';
import { computeStatus, type TechnicianAnswer } from '../../src/shared/domain/intervention';
import { normalizePhone } from '../../src/shared/domain/phone';

const N = 3000;
const NOW = new Date('2025-06-18T15:30:00Z');
const DAY = 86_400_000;

let dir: string;
let raw: RawDb;
let summary: DemoSummary;
let indexesBefore: { name: string; sql: string }[];

const indexes = (db: RawDb) =>
  db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name").all() as {
    name: string;
    sql: string;
  }[];

function freshDatabase(name: string): RawDb {
  const file = join(dir, name);
  const db = openRaw(file);
  runMigrations(wrap(db), file);
  return db;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'demo-generate-'));
  raw = freshDatabase('demo.sqlite');
  indexesBefore = indexes(raw);
  summary = generateDemo(raw, { interventions: N, seed: 42, now: NOW });
});

afterAll(() => {
  raw?.close();
  rmSync(dir, { recursive: true, force: true });
});

const count = (table: string) => (raw.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number);

describe('generateDemo', () => {
  it('inserts the expected rows and reports them', () => {
    expect(count('interventions')).toBe(N);
    expect(count('clients')).toBe(200); // max(200, N / 20)
    expect(count('personnel')).toBe(40);
    expect(count('teams')).toBeGreaterThanOrEqual(6);
    expect(count('products')).toBeGreaterThanOrEqual(50);
    for (const [table, n] of Object.entries(summary.counts)) expect(count(table), table).toBe(n);
    const messages = count('intervention_messages') / N;
    expect(messages).toBeGreaterThan(0.7);
    expect(messages).toBeLessThan(1.4);
    expect(count('intervention_technicians')).toBeGreaterThan(N * 0.8);
    expect(summary.elapsedMs).toBeGreaterThan(0);
  });

  it('writes nothing to the outbox: demo rows are a baseline, not local changes', () => {
    expect(count('outbox')).toBe(0);
  });

  it('gives every row a UUIDv7 id, timestamps and version 1', () => {
    const bad = raw
      .prepare(
        `SELECT id FROM interventions WHERE id NOT GLOB '[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f]-7[0-9a-f][0-9a-f][0-9a-f]-[89ab][0-9a-f][0-9a-f][0-9a-f]-[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'
         OR version <> 1 OR updated_at < created_at OR created_at > ?`,
      )
      .all(NOW.getTime());
    expect(bad).toEqual([]);
    // The id's timestamp is the row's creation time.
    const row = raw.prepare('SELECT id, created_at FROM interventions LIMIT 1').get() as { id: string; created_at: number };
    expect(parseInt(row.id.replace(/-/g, '').slice(0, 12), 16)).toBe(row.created_at);
  });

  it('makes fiscal codes that validate for their country and client kind', () => {
    const rows = raw.prepare('SELECT kind, fiscal_code, country FROM clients').all() as {
      kind: string;
      fiscal_code: string;
      country: string;
    }[];
    const companyKinds: Record<string, string> = { RO: 'cif', PT: 'nipc', BR: 'cnpj', ES: 'cif' };
    expect(new Set(rows.map((r) => r.country))).toEqual(new Set(['RO', 'PT', 'BR', 'ES']));
    for (const r of rows) {
      const v = validateFiscalCode(r.country, r.fiscal_code);
      expect(v, `${r.country} ${r.fiscal_code}`).toMatchObject({ ok: true, normalized: r.fiscal_code });
      if (v.ok) expect(v.kind === companyKinds[r.country], `${r.kind} ${r.fiscal_code}`).toBe(r.kind === 'company');
    }
  });

  it('stores client, contact and staff phones as valid E.164 numbers of the right country', () => {
    const rows = raw
      .prepare(
        `SELECT country, phone FROM clients UNION ALL SELECT country, work_phone FROM clients
         UNION ALL SELECT c.country, p.phone FROM contact_persons p JOIN clients c ON c.id = p.client_id`,
      )
      .all() as { country: string; phone: string }[];
    for (const r of rows) {
      expect(r.phone, r.country).toMatch(/^\+[1-9]\d{7,14}$/);
      expect(isValidPhoneNumber(r.phone), r.phone).toBe(true);
      expect(parsePhoneNumberFromString(r.phone)?.country, r.phone).toBe(r.country);
      expect(normalizePhone(r.phone, r.country)).toEqual({ ok: true, e164: r.phone });
    }
    const staff = raw.prepare('SELECT phone FROM personnel').pluck().all() as string[];
    for (const p of staff) expect(isValidPhoneNumber(p), p).toBe(true);
  });

  it('stores statuses that agree with computeStatus over the stored facts', () => {
    const answers = new Map<string, TechnicianAnswer[]>();
    for (const t of raw.prepare('SELECT intervention_id, answer FROM intervention_technicians').all() as {
      intervention_id: string;
      answer: TechnicianAnswer;
    }[]) {
      const list = answers.get(t.intervention_id) ?? [];
      list.push(t.answer);
      answers.set(t.intervention_id, list);
    }
    const rows = raw.prepare('SELECT * FROM interventions').all() as Record<string, unknown>[];
    const seen = new Set<string>();
    for (const r of rows) {
      const expected = computeStatus({
        cancelledAt: r.cancelled_at as number | null,
        finalizedAt: r.finalized_at as number | null,
        plannedStart: r.planned_start as number | null,
        plannedEnd: r.planned_end as number | null,
        teamId: r.team_id as string | null,
        verifierId: r.verifier_id as string | null,
        technicianAnswers: answers.get(r.id as string) ?? [],
      });
      expect(r.status, r.id as string).toBe(expected);
      seen.add(expected);
      if (r.status === 'finalized') expect(r.resolution).toBeTruthy();
      if (r.status === 'cancelled') expect(r.cancel_reason).toBeTruthy();
      if (r.finalized_at !== null) expect(r.finalized_at as number).toBeLessThanOrEqual(NOW.getTime());
    }
    expect(seen).toEqual(new Set(['taken', 'allocated', 'confirmed', 'finalized', 'cancelled']));
    const share = (s: string) => rows.filter((r) => r.status === s).length / rows.length;
    expect(share('finalized')).toBeGreaterThan(0.7);
    expect(share('cancelled')).toBeGreaterThan(0.02);
    expect(share('cancelled')).toBeLessThan(0.07);
  });

  it('spreads interventions over the last 365 days', () => {
    const { first, last } = raw.prepare('SELECT min(doc_date) AS first, max(doc_date) AS last FROM interventions').get() as {
      first: string;
      last: string;
    };
    expect(first >= new Date(NOW.getTime() - 365 * DAY).toISOString().slice(0, 10)).toBe(true);
    expect(last <= NOW.toISOString().slice(0, 10)).toBe(true);
    const months = raw.prepare('SELECT count(DISTINCT substr(doc_date, 1, 7)) FROM interventions').pluck().get() as number;
    expect(months).toBeGreaterThanOrEqual(12);
  });

  it('books no technician twice at once (a calendar of the demo shows few clashes)', () => {
    const overlapping = raw
      .prepare(
        `SELECT count(*) FROM intervention_technicians a JOIN interventions ia ON ia.id = a.intervention_id
         JOIN intervention_technicians b ON b.person_id = a.person_id AND b.intervention_id > a.intervention_id JOIN interventions ib ON ib.id = b.intervention_id
         WHERE ia.cancelled_at IS NULL AND ib.cancelled_at IS NULL AND ia.planned_start < ib.planned_end AND ib.planned_start < ia.planned_end`,
      )
      .pluck()
      .get() as number;
    // Only a demo denser than its teams can work keeps a few (the visit then stays where it was drawn).
    expect(overlapping / count('intervention_technicians')).toBeLessThan(0.005);
  });

  it('writes each intervention\'s client sort key and technicians\' list as the write path would', () => {
    const rows = raw
      .prepare(
        `SELECT i.client_sort AS key, c.name, i.technician_ids AS list,
           coalesce((SELECT group_concat(person_id) FROM intervention_technicians t WHERE t.intervention_id = i.id AND t.deleted_at IS NULL), '') AS live
         FROM interventions i JOIN clients c ON c.id = i.client_id`,
      )
      .all() as { key: string | null; name: string; list: string | null; live: string }[];
    expect(rows).toHaveLength(N);
    expect(rows.filter((r) => r.key !== sortKey(r.name))).toEqual([]);
    // As sets: group_concat's order is not promised.
    const set = (s: string | null) => (s ?? 'NULL').split(',').sort().join(',');
    expect(rows.filter((r) => set(r.list) !== set(r.live))).toEqual([]);
    expect(rows.some((r) => r.list === '')).toBe(true);
    expect(rows.some((r) => (r.list ?? '').includes(','))).toBe(true);
  });

  it('sets the classification levels to the request type ancestors', () => {
    const bad = raw
      .prepare(
        `SELECT i.id FROM interventions i JOIN request_types t ON t.id = i.request_type_id
         LEFT JOIN request_types p ON p.id = t.parent_id LEFT JOIN request_types g ON g.id = p.parent_id
         WHERE NOT (
           (t.depth = 1 AND i.class1_id = t.id AND i.class2_id IS NULL AND i.class3_id IS NULL) OR
           (t.depth = 2 AND i.class1_id = p.id AND i.class2_id = t.id AND i.class3_id IS NULL) OR
           (t.depth = 3 AND i.class1_id = g.id AND i.class2_id = p.id AND i.class3_id = t.id))`,
      )
      .all();
    expect(bad).toEqual([]);
    expect(raw.prepare('SELECT max(depth) FROM request_types').pluck().get()).toBe(3);
    const untranslated = raw
      .prepare('SELECT code FROM request_types WHERE name_en = name_ro OR name_en = name_ca OR name_ro = name_pt_br')
      .all();
    expect(untranslated).toEqual([]);
  });

  it('numbers validated interventions uniquely in their series, below next_number', () => {
    const duplicates = raw
      .prepare('SELECT series_id, number FROM interventions WHERE number IS NOT NULL GROUP BY series_id, number HAVING count(*) > 1')
      .all();
    expect(duplicates).toEqual([]);
    const mismatched = raw.prepare('SELECT count(*) FROM interventions WHERE (valid = 1) <> (number IS NOT NULL)').pluck().get();
    expect(mismatched).toBe(0);
    const s = raw
      .prepare(
        `SELECT s.next_number AS next, max(i.number) AS max, count(i.number) AS n FROM series s
         JOIN interventions i ON i.series_id = s.id WHERE s.doc_type = 'intervention' GROUP BY s.id`,
      )
      .get() as { next: number; max: number; n: number };
    expect(s.max).toBe(s.n); // 1..n without gaps, in date order
    expect(s.next).toBe(s.max + 1);
    expect(s.n).toBeGreaterThan(N * 0.95);
    expect(raw.prepare("SELECT count(*) FROM series WHERE doc_type = 'register'").pluck().get()).toBe(1);
  });

  it('opens a working period for the current year', () => {
    const year = NOW.getUTCFullYear();
    const p = raw.prepare('SELECT open FROM working_periods WHERE start_date = ? AND end_date = ?').get(`${year}-01-01`, `${year}-12-31`) as
      | { open: number }
      | undefined;
    expect(p?.open).toBe(1);
  });

  it('creates the demo logins with password "demo"', async () => {
    const users = raw
      .prepare('SELECT login, role, language, password_hash, person_id FROM users ORDER BY login')
      .all() as { login: string; role: string; language: string; password_hash: string; person_id: string | null }[];
    expect(users.map((u) => [u.login, u.role])).toEqual([
      ['admin', 'admin'],
      ['auditor', 'supervisor'],
      ['operator', 'operator'],
      ['supervisor', 'supervisor'],
      ['technician', 'technician'],
    ]);
    for (const u of users) {
      expect(u.language).toBe('en');
      expect(u.person_id).not.toBeNull();
    }
    expect(await verifyPassword('demo', users[0]?.password_hash ?? '')).toBe(true);
    expect(await verifyPassword('wrong', users[0]?.password_hash ?? '')).toBe(false);
  });

  it('leaves no broken reference and restores the connection settings', () => {
    expect(raw.pragma('foreign_key_check')).toEqual([]);
    expect(raw.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
  });

  it('rebuilds every index it dropped, and leaves statistics for the planner', () => {
    expect(indexes(raw)).toEqual(indexesBefore);
    expect(indexesBefore.map((i) => i.name)).toEqual(
      expect.arrayContaining(['interventions_doc_date', 'intervention_technicians_pair', 'intervention_messages_thread']),
    );
    const stats = raw.prepare("SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'interventions'").pluck().get() as number;
    expect(stats).toBeGreaterThan(0);
  });

  it('makes the same data for the same seed', () => {
    const other = freshDatabase('again.sqlite');
    try {
      generateDemo(other, { interventions: 300, seed: 42, now: NOW });
      const again = freshDatabase('third.sqlite');
      try {
        generateDemo(again, { interventions: 300, seed: 42, now: NOW });
        const sample = (db: RawDb) => db.prepare('SELECT * FROM interventions ORDER BY id LIMIT 50').all();
        expect(sample(again)).toEqual(sample(other));
      } finally {
        again.close();
      }
    } finally {
      other.close();
    }
  });

  it('refuses a negative or fractional count', () => {
    expect(() => generateDemo(raw, { interventions: -1 })).toThrow(RangeError);
    expect(() => generateDemo(raw, { interventions: 1.5 })).toThrow(RangeError);
  });
});
