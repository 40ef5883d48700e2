import type { ApiResult } from './result';
import type { UploadedFile } from './files';
import type { EventName, Events } from './contract';

/**
 * The one object the Electron preload exposes to the renderer (window.callcenter). Kept narrow:
 * a call by method name with unknown input (validated in main), and event subscription.
 */
export interface DesktopBridge {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /** Uploads a file the user chose: main streams it from its path on disk (webUtils.getPathForFile). */
  uploadFile?(file: File): Promise<ApiResult<UploadedFile>>;
  /** Saves an attachment where the user picks in a save dialog; null value when they cancel. */
  saveFile?(attachmentId: string): Promise<ApiResult<string | null>>;
}

export const BRIDGE_KEY = 'callcenter';
/** IPC channel names; the preload and main agree on them through this module. */
export const IPC_CALL = 'api:call';
export const IPC_EVENT = 'api:event';
export const IPC_UPLOAD = 'files:upload';
export const IPC_SAVE_FILE = 'files:save';
