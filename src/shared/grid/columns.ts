/**
 * The columns of the interventions window (the fields the replaced system's main window offers,
 * seeds/004). Shared so that the grid, the exports and the server agree on ids and kinds.
 */
export const COLUMN_IDS = [
  'series',
  'number',
  'docDate',
  'client',
  'requestType',
  'object',
  'plannedStart',
  'plannedEnd',
  'technicians',
  'status',
  'priority',
  'source',
  'takenBy',
  'valid',
  'cancelled',
  'notes',
  'vehicle',
  'fiscalCode',
  'phone',
  'email',
  'address',
  'locality',
  'county',
  'country',
  'commercialZone',
  'class1',
  'class2',
  'class3',
  'serialLot',
  'verifier',
  'contactPerson',
] as const;
export type ColumnId = (typeof COLUMN_IDS)[number];

export type ColumnKind = 'text' | 'number' | 'date' | 'datetime' | 'status' | 'priority' | 'source' | 'bool' | 'phone';

export interface ColumnSpec {
  kind: ColumnKind;
  /** Default width in pixels. */
  width: number;
  /** Shown in a new user's default layout. */
  visible: boolean;
}

export const COLUMNS: Record<ColumnId, ColumnSpec> = {
  series: { kind: 'text', width: 84, visible: true },
  number: { kind: 'number', width: 80, visible: true },
  docDate: { kind: 'date', width: 92, visible: true },
  client: { kind: 'text', width: 220, visible: true },
  requestType: { kind: 'text', width: 160, visible: true },
  object: { kind: 'text', width: 200, visible: true },
  plannedStart: { kind: 'datetime', width: 140, visible: true },
  plannedEnd: { kind: 'datetime', width: 140, visible: false },
  technicians: { kind: 'text', width: 180, visible: true },
  status: { kind: 'status', width: 110, visible: true },
  priority: { kind: 'priority', width: 84, visible: true },
  source: { kind: 'source', width: 110, visible: false },
  takenBy: { kind: 'text', width: 140, visible: true },
  valid: { kind: 'bool', width: 56, visible: false },
  cancelled: { kind: 'bool', width: 72, visible: false },
  notes: { kind: 'text', width: 220, visible: false },
  vehicle: { kind: 'text', width: 100, visible: false },
  fiscalCode: { kind: 'text', width: 120, visible: false },
  phone: { kind: 'phone', width: 140, visible: true },
  email: { kind: 'text', width: 180, visible: false },
  address: { kind: 'text', width: 200, visible: false },
  locality: { kind: 'text', width: 130, visible: true },
  county: { kind: 'text', width: 120, visible: false },
  country: { kind: 'text', width: 64, visible: false },
  commercialZone: { kind: 'text', width: 120, visible: false },
  class1: { kind: 'text', width: 140, visible: false },
  class2: { kind: 'text', width: 140, visible: false },
  class3: { kind: 'text', width: 140, visible: false },
  serialLot: { kind: 'text', width: 120, visible: false },
  verifier: { kind: 'text', width: 140, visible: false },
  contactPerson: { kind: 'text', width: 150, visible: false },
};

/** What the grid can be grouped by; dates group by day or month. */
export const GROUP_IDS = [
  'client',
  'class1',
  'class2',
  'class3',
  'docDay',
  'docMonth',
  'object',
  'priority',
  'status',
  'source',
  'commercialZone',
  'plannedStartDay',
  'plannedEndDay',
] as const;
export type GroupId = (typeof GROUP_IDS)[number];

export type GridValue = string | number | null;
/** One row of the grid: every column, plus what identifies and orders the row. */
export type GridRow = Record<ColumnId, GridValue> & {
  id: string;
  version: number;
  /** Messages the viewer has not read (a badge on the row, not a column: it is the viewer's own). */
  unread: number;
};
