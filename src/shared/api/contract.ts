import type { z } from 'zod';
import type { Capability } from './capabilities';
import { auditMethods } from './audit';
import { authMethods } from './auth';
import { catalogueMethods } from './catalogue';
import { clientsMethods } from './clients';
import { exportsMethods, exportsStreams } from './exports';
import { filesStreams } from './files';
import { gridMethods } from './grid';
import { interventionsMethods } from './interventions';
import { numberingMethods } from './numbering';
import { personnelMethods } from './personnel';
import { requestTypesMethods } from './request-types';
import { settingsMethods } from './settings';
import { threadMethods } from './thread';
import { syncMethods, type SyncState } from './sync';
import { callsMethods } from './calls';
import { mailMethods } from './mail';
import { recordingsMethods, recordingsStreams } from './recordings';
import { calendarMethods } from './calendar';
import { contractsMethods } from './contracts';

/**
 * Every method of the API, once: the index of the capabilities' method maps (one file each,
 * src/shared/api/<capability>.ts). Both transports (Electron IPC, WebSocket) dispatch these;
 * src/main must implement each one and the renderer's client is typed from this map.
 */
export const methods = {
  ...authMethods,
  ...settingsMethods,
  ...clientsMethods,
  ...catalogueMethods,
  ...personnelMethods,
  ...requestTypesMethods,
  ...numberingMethods,
  ...interventionsMethods,
  ...threadMethods,
  ...auditMethods,
  ...gridMethods,
  ...exportsMethods,
  ...syncMethods,
  ...callsMethods,
  ...mailMethods,
  ...recordingsMethods,
  ...calendarMethods,
  ...contractsMethods,
};

type Methods = typeof methods;
export type MethodName = keyof Methods;
/** What a caller passes (before defaults and transforms). */
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
/** What a handler receives (validated, defaults applied, transformed). */
export type ParsedInput<M extends MethodName> = z.output<Methods[M]['input']>;
export type MethodOutput<M extends MethodName> = Exclude<Methods[M]['output'], undefined>;

export function isMethodName(x: unknown): x is MethodName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(methods, x);
}

/** Every transfer beside the calls (uploads and downloads), once, like the methods. */
export const streams = {
  ...filesStreams,
  ...exportsStreams,
  ...recordingsStreams,
};

type Streams = typeof streams;
export type StreamName = keyof Streams;
export type UploadName = { [S in StreamName]: Streams[S]['direction'] extends 'in' ? S : never }[StreamName];
export type DownloadName = Exclude<StreamName, UploadName>;
export type StreamParams<S extends StreamName> = z.output<Streams[S]['params']>;
export type UploadOutput<S extends UploadName> = Exclude<Streams[S]['output'], undefined>;

export function isStreamName(x: unknown): x is StreamName {
  return typeof x === 'string' && Object.prototype.hasOwnProperty.call(streams, x);
}

/** Events pushed from main to every logged-in window. */
export interface Events {
  /**
   * A user action (in this or another window, later through sync) changed these entities of a
   * capability; lists refresh what they show. Published after the commit, once per action.
   */
  'data.changed': { capability: Capability; ids: string[] };
  /** The session ended (logout elsewhere, expiry); the window returns to the login screen. */
  'session.ended': { reason: 'logout' | 'expired' };
  /** An export is under way or done; `url` is where to download it from once done. */
  'export.progress': { exportId: string; done: number; total: number; finished: boolean; url?: string; fileName?: string; error?: string };
  /** Sync with the shared store changed state (online, offline, pending changes). */
  'sync.state': SyncState;
}
export type EventName = keyof Events;
