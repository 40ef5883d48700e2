import type { InterventionStatus, MessageKind, SourceChannel, TechnicianAnswer } from '../domain/intervention';
import type { OBJECT_KINDS } from './intervention-schemas';
import type { ExtraFieldDefinition, ExtraFieldValue, RequestTypeTemplate } from './extra-field-schemas';

/** One technician on an intervention and their answer. */
export interface InterventionTechnician {
  id: string;
  version: number;
  personId: string;
  name: string;
  answer: TechnicianAnswer;
  reason: string | null;
  answeredAt: number | null;
}

/** One intervention as its form shows it: every stored field, plus the names it points to. */
export interface InterventionDetail {
  id: string;
  version: number;
  createdAt: number;
  updatedAt: number;
  status: InterventionStatus;
  valid: boolean;
  seriesId: string | null;
  seriesPrefix: string | null;
  /** Null until validated. */
  number: number | null;
  /** "INT-123" once validated, else null. */
  fullNumber: string | null;
  docDate: string;
  clientId: string;
  clientName: string;
  contactPersonId: string | null;
  contactPersonName: string | null;
  requestTypeId: string | null;
  /** Names from the top level down to the type itself, in the viewer's language. */
  requestTypePath: string[];
  class1Id: string | null;
  class2Id: string | null;
  class3Id: string | null;
  priority: 1 | 2 | 3;
  confirmed: boolean;
  objectKind: (typeof OBJECT_KINDS)[number];
  objectText: string | null;
  productId: string | null;
  productName: string | null;
  assetId: string | null;
  serialLot: string | null;
  verifierId: string | null;
  verifierName: string | null;
  takenById: string | null;
  takenByName: string | null;
  teamId: string | null;
  teamName: string | null;
  plannedStart: number | null;
  plannedEnd: number | null;
  finalizedAt: number | null;
  resolution: string | null;
  cancelledAt: number | null;
  cancelReason: string | null;
  notes: string | null;
  contractId: string | null;
  estimate: string | null;
  vehicle: string | null;
  source: SourceChannel;
  awaitingReply: boolean;
  technicians: InterventionTechnician[];
  /** Extra-field values by field id; values of fields that no longer apply stay here, unshown. */
  extra: Record<string, ExtraFieldValue>;
  /** The extra fields of the request type (its own and inherited), active ones, in form order. */
  extraFields: ExtraFieldDefinition[];
  /** The request type's form templates (its own and inherited). */
  templates: RequestTypeTemplate[];
  /** Templates with a filled-in copy (a live message with the template and a file) in the thread. */
  filledTemplateIds: string[];
}

/** One entry of the History tab, as recorded at the audit level in force at the time. */
export interface HistoryEntry {
  id: string;
  at: number;
  userId: string | null;
  /** The user's display name; null for the system. */
  userName: string | null;
  /** create, update, delete, status, validate, accepted, rejected, cancel, finalize … */
  action: string;
  /** What was written: the intervention itself, a technician row, or a message. */
  subject: 'intervention' | 'technician' | 'message';
  rowId: string;
  /** advanced: the names of the columns written; null at basic. */
  fields: string[] | null;
  /** detailed: column -> [old, new]; null below detailed. */
  changes: Record<string, [unknown, unknown]> | null;
}

export interface InterventionMessage {
  id: string;
  at: number;
  kind: MessageKind;
  personId: string | null;
  personName: string | null;
  body: string;
  attachmentId: string | null;
  registerEntryId: string | null;
}
