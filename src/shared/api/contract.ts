import { z } from 'zod';
import { def } from './def';
import { adminMethods } from './contract-admin';
import { adminTypesMethods } from './contract-admin-types';
import { extraFieldsMethods } from './contract-extra-fields';
import { formMethods } from './contract-form';
import { threadMethods } from './contract-thread';
import { PUBLIC, USER, read, write } from './permission';
import { clientListInput, languageInput, loginInput, settingsPatch } from './schemas';
import type { AppInfo, ClientRow, ExportStarted, InterventionLookups, LoginResult, Me, Settings } from './types';
import { MODULES } from '../domain/permissions';
import { INTERVENTION_STATUSES } from '../domain/intervention';
import { COLUMN_IDS } from '../grid/columns';
import { gridCountInput, gridGroupsInput, gridRowsInput, gridView, type GridGroup, type GridRowsResult } from '../grid/query';
import { saveViewInput, type SavedView } from '../grid/views';
import {
  clientDuplicatesInput,
  clientFields,
  clientGetInput,
  clientUpdateInput,
  contactCreateInput,
  contactUpdateInput,
  type ClientDetail,
  type ClientDuplicate,
  type ContactRow,
} from './client-schemas';
import {
  answerInput,
  assignTechniciansInput,
  cancelInput,
  finalizeInput,
  interventionCreateInput,
  interventionIdInput,
  interventionRefInput,
  interventionUpdateInput,
  messageAddInput,
} from './intervention-schemas';
import type { HistoryEntry, InterventionDetail } from './intervention-types';
import type { ThreadMessage } from './thread-types';
import { empty, recordRef } from './primitives';

/**
 * Every method of the API, once. Both transports (Electron IPC, WebSocket) dispatch these;
 * src/main/api must implement each one and the renderer's client is typed from this map.
 */
export const methods = {
  'auth.login': def<LoginResult>()(loginInput, PUBLIC),
  'auth.logout': def<null>()(empty, USER),
  'session.me': def<Me>()(empty, USER),
  'session.setLanguage': def<Me>()(languageInput, USER),
  'session.toggleFavourite': def<Me>()(z.object({ module: z.enum(MODULES) }).strict(), USER),
  'app.info': def<AppInfo>()(empty, USER),
  'settings.get': def<Settings>()(empty, USER),
  'settings.update': def<Settings>()(settingsPatch, write('admin')),
  'clients.list': def<ClientRow[]>()(clientListInput, read('clients')),
  // A refused fiscal code names the country's rule ("not a valid Romanian CIF: check digit").
  'clients.create': def<ClientRow>()(clientFields, write('clients')),
  'clients.get': def<ClientDetail>()(clientGetInput, read('clients')),
  'clients.update': def<ClientRow>()(clientUpdateInput, write('clients')),
  'clients.delete': def<null>()(recordRef, write('clients')),
  'clients.duplicates': def<ClientDuplicate[]>()(clientDuplicatesInput, read('clients')),
  'contacts.create': def<ContactRow>()(contactCreateInput, write('clients')),
  'contacts.update': def<ContactRow>()(contactUpdateInput, write('clients')),
  'contacts.delete': def<null>()(recordRef, write('clients')),
  'interventions.lookups': def<InterventionLookups>()(empty, read('interventions')),
  'interventions.grid.rows': def<GridRowsResult>()(gridRowsInput, read('interventions')),
  'interventions.grid.groups': def<GridGroup[]>()(gridGroupsInput, read('interventions')),
  'interventions.grid.count': def<number>()(gridCountInput, read('interventions')),
  'interventions.delete': def<null>()(recordRef, write('interventions')),
  'interventions.cancel': def<null>()(cancelInput, write('interventions')),
  'interventions.get': def<InterventionDetail>()(interventionIdInput, read('interventions')),
  // Field-level issues name the field ("docDate": outside the open working period).
  'interventions.create': def<InterventionDetail>()(interventionCreateInput, write('interventions')),
  // A stale version answers 'conflict' with issues {path: field, message: JSON of the stored value}.
  'interventions.update': def<InterventionDetail>()(interventionUpdateInput, write('interventions')),
  'interventions.validate': def<InterventionDetail>()(interventionRefInput, write('interventions')),
  'interventions.assignTechnicians': def<InterventionDetail>()(assignTechniciansInput, write('interventions')),
  // The logged-in user's person answers; someone not on the intervention is refused.
  'interventions.answer': def<InterventionDetail>()(answerInput, write('interventions')),
  'interventions.finalize': def<InterventionDetail>()(finalizeInput, write('interventions')),
  'interventions.history': def<HistoryEntry[]>()(interventionIdInput, read('interventions')),
  'interventions.messages.list': def<ThreadMessage[]>()(interventionIdInput, read('interventions')),
  'interventions.messages.add': def<ThreadMessage>()(messageAddInput, write('interventions')),
  'interventions.export': def<ExportStarted>()(
    z
      .object({
        view: gridView,
        format: z.enum(['csv', 'xlsx']),
        /** The columns to write, in order (the visible ones of the grid). */
        columns: z.array(z.enum(COLUMN_IDS)).min(1).max(COLUMN_IDS.length),
        /** The header of each column as the user sees it (same order and length as columns). */
        headers: z.array(z.string().max(200)).min(1).max(COLUMN_IDS.length),
        /** Status and priority as the user reads them, so the file speaks their language. */
        statusLabels: z.record(z.enum(INTERVENTION_STATUSES), z.string().max(100)),
        priorityLabels: z.object({ 1: z.string().max(100), 2: z.string().max(100), 3: z.string().max(100) }).strict(),
      })
      .strict()
      .refine((x) => x.headers.length === x.columns.length, { message: 'one header per column', path: ['headers'] }),
    read('interventions'),
  ),
  'views.list': def<SavedView[]>()(z.object({ module: z.literal('interventions') }).strict(), read('interventions')),
  'views.save': def<SavedView>()(saveViewInput.extend({ module: z.literal('interventions') }).strict(), read('interventions')),
  'views.delete': def<null>()(recordRef, read('interventions')),
  // Each feature's methods live in its own section file (one owner each; the spread keeps one map).
  ...adminMethods,
  ...adminTypesMethods,
  ...extraFieldsMethods,
  ...formMethods,
  ...threadMethods,
};

export type { MethodSpec } from './def';

export type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (before defaults and transforms). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (validated, defaults applied, transformed). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Exclude<Methods[M]['output'], undefined>;

export function isMethodName(x: unknown): x is MethodName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(methods, x);
}

/** Events pushed from main to every logged-in window. */
export interface Events {
  /** Rows changed (by this or another window, later by sync); lists refresh what they show. */
  'data.changed': { table: string; ids: string[] };
  /** The session ended (logout elsewhere, expiry); the window returns to the login screen. */
  'session.ended': { reason: 'logout' | 'expired' };
  /** An export is under way or done; `url` is where to download it from once done. */
  'export.progress': { exportId: string; done: number; total: number; finished: boolean; url?: string; fileName?: string; error?: string };
}
export type EventName = keyof Events;
