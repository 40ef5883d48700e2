import type { ColumnId, GroupId } from '../../shared/grid/columns';
import type { Language } from '../../shared/i18n/languages';

/** Request-type names are stored once per UI language; the grid shows the viewer's. */
export const NAME_COLUMN: Record<Language, string> = { en: 'name_en', ro: 'name_ro', 'pt-BR': 'name_pt_br', ca: 'name_ca' };

/** The joins every row needs for its display columns; each is a lookup by primary key. */
export const ROW_JOINS = `
  LEFT JOIN clients c ON c.id = i.client_id
  LEFT JOIN request_types rt ON rt.id = i.request_type_id
  LEFT JOIN request_types r1 ON r1.id = i.class1_id
  LEFT JOIN request_types r2 ON r2.id = i.class2_id
  LEFT JOIN request_types r3 ON r3.id = i.class3_id
  LEFT JOIN personnel tb ON tb.id = i.taken_by_id
  LEFT JOIN personnel vf ON vf.id = i.verifier_id
  LEFT JOIN contact_persons cp ON cp.id = i.contact_person_id
  LEFT JOIN products p ON p.id = i.product_id
  LEFT JOIN series s ON s.id = i.series_id`;

/** SQL for each column's value, in the viewer's language. */
export function columnExpressions(lang: Language): Record<ColumnId, string> {
  const name = NAME_COLUMN[lang];
  return {
    series: 's.prefix',
    number: 'i.number',
    docDate: 'i.doc_date',
    client: 'c.name',
    requestType: `rt.${name}`,
    object: 'coalesce(i.object_text, p.name)',
    plannedStart: 'i.planned_start',
    plannedEnd: 'i.planned_end',
    // Their names in name order, read per row shown (a few rows by the intervention's index).
    technicians: `(SELECT group_concat(name, ', ') FROM (SELECT pe.name FROM intervention_technicians it JOIN personnel pe ON pe.id = it.person_id
      WHERE it.intervention_id = i.id AND it.deleted_at IS NULL ORDER BY pe.name, pe.id))`,
    status: 'i.status',
    priority: 'i.priority',
    source: 'i.source',
    takenBy: 'tb.name',
    valid: 'i.valid',
    cancelled: '(i.cancelled_at IS NOT NULL)',
    notes: 'i.notes',
    vehicle: 'i.vehicle',
    fiscalCode: 'c.fiscal_code',
    phone: 'c.phone',
    email: 'c.email',
    address: 'c.address',
    locality: 'c.locality',
    county: 'c.county',
    country: 'c.country',
    commercialZone: 'c.commercial_zone',
    class1: `r1.${name}`,
    class2: `r2.${name}`,
    class3: `r3.${name}`,
    serialLot: 'i.serial_lot',
    verifier: 'vf.name',
    contactPerson: 'cp.name',
  };
}

/**
 * Sorting a column of the interventions table itself walks one of its indexes (the client's name
 * too, kept on each intervention); sorting by another joined column (a verifier's name) needs
 * every row joined and sorted, which the grid does once per view in a worker (see snapshots.ts).
 */
export const INDEXED_SORT: Partial<Record<ColumnId, string>> = {
  docDate: 'i.doc_date',
  // The client's name as it sorts, kept on each intervention (client-sort.ts).
  client: 'i.client_sort',
  number: 'i.number',
  plannedStart: 'i.planned_start',
  plannedEnd: 'i.planned_end',
  status: 'i.status',
  priority: 'i.priority',
};

/**
 * How each grouping finds its groups: `key` is computed per intervention (and compared with
 * IS against a chosen group's key); `label` names a group from its key in an outer query.
 * Client-level groups count per client first, then add up: far cheaper than joining every row.
 */
export interface GroupSql {
  key: string;
  /** SQL over `g.k` (the key) giving the label; may use the joins in `labelJoin`. */
  label: string;
  labelJoin?: string;
  /** SQL for a second, smaller line that tells same-named groups apart. */
  detail?: string;
  /** For groups by a client attribute: the attribute over clients `c`. */
  viaClient?: string;
}

export function groupExpressions(lang: Language, tzOffsetMinutes: number): Record<GroupId, GroupSql> {
  const name = NAME_COLUMN[lang];
  const tz = `${Math.trunc(tzOffsetMinutes) * 60}`;
  const day = (col: string) => `date(${col} / 1000 + ${tz}, 'unixepoch')`;
  const typeLabel = { label: `t.${name}`, labelJoin: 'LEFT JOIN request_types t ON t.id = g.k' };
  return {
    client: { key: 'i.client_id', label: 'c.name', detail: 'c.locality', labelJoin: 'LEFT JOIN clients c ON c.id = g.k' },
    class1: { key: 'i.class1_id', ...typeLabel },
    class2: { key: 'i.class2_id', ...typeLabel },
    class3: { key: 'i.class3_id', ...typeLabel },
    docDay: { key: 'i.doc_date', label: 'g.k' },
    docMonth: { key: 'substr(i.doc_date, 1, 7)', label: 'g.k' },
    object: { key: 'coalesce(i.object_text, i.product_id)', label: 'coalesce(p.name, g.k)', labelJoin: 'LEFT JOIN products p ON p.id = g.k' },
    priority: { key: 'i.priority', label: 'g.k' },
    status: { key: 'i.status', label: 'g.k' },
    source: { key: 'i.source', label: 'g.k' },
    commercialZone: { key: 'c.commercial_zone', label: 'g.k', viaClient: 'commercial_zone' },
    plannedStartDay: { key: day('i.planned_start'), label: 'g.k' },
    plannedEndDay: { key: day('i.planned_end'), label: 'g.k' },
  };
}
