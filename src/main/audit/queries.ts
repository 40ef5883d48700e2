import type { HistoryEntry, RelatedChange } from '../../shared/api/audit';
import { ApiError } from '../../shared/api/result';
import type { Language } from '../../shared/i18n/languages';
import type { ServiceContext } from '../core/context';
import { NAME_COLUMN } from '../grid/columns-sql';

/*
 * The audit trail as people read it. One entry per user action (core/unit.ts): about its
 * subject row, with the other rows it changed beside it. Entries written before actions were
 * grouped (one per row) read the same way, with nothing related.
 */

const SUBJECT: Record<string, HistoryEntry['subject']> = { interventions: 'intervention', intervention_technicians: 'technician', intervention_messages: 'message' };

type Changes = Record<string, [unknown, unknown]>;
const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * fields/changes of one row as the audit stored them: a list of names (advanced), name -> [old, new]
 * (detailed), or both ({ fields, changes }: advanced, with the workflow states' values).
 */
function rowChanges(stored: unknown): { fields: string[] | null; changes: Changes | null } {
  if (Array.isArray(stored)) return { fields: stored.map(String), changes: null };
  if (isObject(stored) && ('fields' in stored || 'changes' in stored)) {
    const changes = isObject(stored.changes) ? (stored.changes as Changes) : null;
    return { fields: Array.isArray(stored.fields) ? stored.fields.map(String) : changes ? Object.keys(changes) : null, changes };
  }
  if (isObject(stored)) return { fields: Object.keys(stored), changes: stored as Changes };
  return { fields: null, changes: null };
}

/** A stored detail; unreadable JSON (a hand edit) reads as "nothing recorded" rather than failing the tab. */
function parseDetail(detail: string | null): { own: unknown; rows: unknown[] } {
  if (!detail) return { own: null, rows: [] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(detail);
  } catch {
    return { own: null, rows: [] };
  }
  if (isObject(parsed) && parsed.v === 2) return { own: { fields: parsed.fields, changes: parsed.changes }, rows: Array.isArray(parsed.rows) ? parsed.rows : [] };
  return { own: parsed, rows: [] };
}

function related(r: unknown): RelatedChange | null {
  if (!isObject(r) || typeof r.table !== 'string' || typeof r.rowId !== 'string') return null;
  const op = r.op === 'insert' || r.op === 'delete' ? r.op : 'update';
  return { subject: SUBJECT[r.table] ?? 'other', rowId: r.rowId, op, about: null, ...rowChanges({ fields: r.fields, changes: r.changes }) };
}

/** The names a reference column's ids read as, one query per table (ids passed as one JSON list). */
function nameQueries(language: Language): Record<string, string> {
  const named = (table: string, name = 'name') => `SELECT id, ${name} AS name FROM ${table} WHERE id IN (SELECT value FROM json_each(?))`;
  const requestTypes = named('request_types', NAME_COLUMN[language]);
  const people = named('personnel');
  return {
    client_id: named('clients'),
    contact_person_id: named('contact_persons'),
    request_type_id: requestTypes,
    class1_id: requestTypes,
    class2_id: requestTypes,
    class3_id: requestTypes,
    verifier_id: people,
    taken_by_id: people,
    person_id: people,
    team_id: named('teams'),
    product_id: named('products', "code || ' – ' || name"),
    asset_id: `SELECT a.id, p.name || COALESCE(' · ' || a.serial, '') AS name FROM client_assets a JOIN products p ON p.id = a.product_id WHERE a.id IN (SELECT value FROM json_each(?))`,
    series_id: named('series', 'prefix'),
  };
}

/** id -> name for every reference the entries' values hold, so the tab shows names, not ids. */
function referenceNames(s: ServiceContext, entries: HistoryEntry[], language: Language): Record<string, string> {
  const queries = nameQueries(language);
  const wanted = new Map<string, Set<string>>();
  const collect = (changes: Changes | null) => {
    for (const [column, pair] of Object.entries(changes ?? {})) {
      const sql = queries[column];
      if (!sql) continue;
      const set = wanted.get(sql) ?? new Set<string>();
      for (const v of pair) if (typeof v === 'string') set.add(v);
      wanted.set(sql, set);
    }
  };
  for (const e of entries) {
    collect(e.changes);
    for (const r of e.related) collect(r.changes);
  }
  const names: Record<string, string> = {};
  for (const [sql, ids] of wanted) {
    for (const row of s.raw.prepare(sql).all(JSON.stringify([...ids])) as { id: string; name: string }[]) names[row.id] = row.name;
  }
  return names;
}

/** The History tab: the actions on the intervention, its technician rows and its messages, newest first. */
export function interventionHistory(s: ServiceContext, id: string, language: Language): HistoryEntry[] {
  if (!s.raw.prepare('SELECT 1 FROM interventions WHERE id = ? AND deleted_at IS NULL').get(id)) throw new ApiError('not_found', 'The intervention does not exist.');
  const rows = s.raw
    .prepare(
      `SELECT a.id, a.at, a.user_id AS userId, u.display_name AS userName, a.action, a.table_name AS tableName, a.row_id AS rowId, a.detail
       FROM audit_log a LEFT JOIN users u ON u.id = a.user_id
       WHERE (a.table_name = 'interventions' AND a.row_id = ?)
          OR (a.table_name = 'intervention_technicians' AND a.row_id IN (SELECT id FROM intervention_technicians WHERE intervention_id = ?))
          OR (a.table_name = 'intervention_messages' AND a.row_id IN (SELECT id FROM intervention_messages WHERE intervention_id = ?))
       ORDER BY a.at DESC, a.rowid DESC
       LIMIT 5000`,
    )
    .all(id, id, id) as { id: string; at: number; userId: string | null; userName: string | null; action: string; tableName: string; rowId: string; detail: string | null }[];
  // Whose answer a technician row is, however little the audit level kept.
  const technician = new Map(
    (s.raw.prepare('SELECT t.id, p.name FROM intervention_technicians t JOIN personnel p ON p.id = t.person_id WHERE t.intervention_id = ?').all(id) as { id: string; name: string }[]).map((x) => [x.id, x.name]),
  );
  const entries: HistoryEntry[] = rows.map((r) => {
    const { own, rows: others } = parseDetail(r.detail);
    const subject = SUBJECT[r.tableName] ?? 'intervention';
    return {
      id: r.id,
      at: r.at,
      userId: r.userId,
      userName: r.userName,
      action: r.action,
      subject,
      rowId: r.rowId,
      about: subject === 'technician' ? (technician.get(r.rowId) ?? null) : null,
      ...rowChanges(own),
      related: others
        .map(related)
        .filter((x): x is RelatedChange => x !== null)
        .map((x) => ({ ...x, about: x.subject === 'technician' ? (technician.get(x.rowId) ?? null) : null })),
      names: {},
    };
  });
  const names = referenceNames(s, entries, language);
  // One map for the whole list, shared by every entry (the ids of one entry are looked up in it).
  for (const e of entries) e.names = names;
  return entries;
}
