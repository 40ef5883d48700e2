import type { Language } from '../i18n/languages';
import type { ModuleName, Rights, Role } from '../domain/permissions';
import type { OperationLogLevel } from './schemas';

export interface Me {
  userId: string;
  login: string;
  displayName: string;
  role: Role;
  language: Language;
  rights: Rights;
  sessionLocked: boolean;
  personId: string | null;
  /** Modules pinned as favourites, in the order they were added. */
  favourites: ModuleName[];
}

export interface InterventionLookups {
  personnel: { id: string; name: string; operator: boolean; technician: boolean; verifier: boolean }[];
  /** The request-type tree in the viewer's language, parents before children. */
  requestTypes: { id: string; parentId: string | null; depth: number; code: string; name: string }[];
  commercialZones: string[];
  /** Active teams and their live members (any person, technician or not), by name. */
  teams: { id: string; name: string; memberIds: string[] }[];
}

export interface ExportStarted {
  exportId: string;
  total: number;
}

export interface LoginResult {
  /** Bearer token for this session; the browser host also sets it as an HttpOnly cookie. */
  token: string;
  expiresAt: number;
  me: Me;
  /** The host's clock at the answer (epoch ms): the page dates documents by it, not by its own. */
  now: number;
}

export interface AppInfo {
  version: string;
  mode: 'desktop' | 'browser';
  database: { path: string; sizeBytes: number; demo: boolean };
  counts: { interventions: number; clients: number; personnel: number };
}

export interface ClientRow {
  id: string;
  version: number;
  kind: 'company' | 'person';
  name: string;
  fiscalCode: string | null;
  address: string | null;
  locality: string | null;
  county: string | null;
  country: string;
  commercialZone: string | null;
  phone: string | null;
  workPhone: string | null;
  email: string | null;
  notes: string | null;
}

export interface Settings {
  operationLogLevel: OperationLogLevel;
  sessionIdleMinutes: number;
  attachmentMaxBytes: number;
}
