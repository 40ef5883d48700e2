import type { Language } from '../i18n/languages';
import type { Rights, Role } from '../domain/permissions';
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
}

export interface LoginResult {
  /** Bearer token for this session; the browser host also sets it as an HttpOnly cookie. */
  token: string;
  expiresAt: number;
  me: Me;
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
