import type { ApiResult } from './result';
import type { UploadedFile } from './files';
import type { EventName, Events } from './contract';
import type { SetupBridge } from './setup';

/** A file to attach, announced before its bytes: its name, type and exact size. */
interface UploadMeta {
  name: string;
  type?: string;
  size: number;
}

/**
 * The one object the Electron preload exposes to the renderer (window.callcenter). Kept narrow:
 * a call by method name with unknown input (validated in main), event subscription, and the
 * transfers that cannot be calls (a file's bytes in, a file saved, a page printed to PDF).
 */
export interface DesktopBridge {
  call(method: string, input: unknown): Promise<ApiResult<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void;
  /**
   * Uploads a file as its bytes, chunk by chunk (each answered when main has taken it), as browser
   * mode sends a request body: main never reads a path the page names (electron/upload-streams.ts).
   */
  upload?: {
    begin(meta: UploadMeta): Promise<ApiResult<{ id: string }>>;
    chunk(id: string, bytes: Uint8Array): Promise<ApiResult<null>>;
    end(id: string): Promise<ApiResult<UploadedFile>>;
    abort(id: string): Promise<void>;
  };
  /** Saves an attachment where the user picks in a save dialog; null value when they cancel. */
  saveFile?(attachmentId: string): Promise<ApiResult<string | null>>;
  /** Saves a recorded call where the user picks (audited as a download); null value when they cancel. */
  saveRecording?(recordingId: string): Promise<ApiResult<string | null>>;
  /** Prints this window's page to a PDF file the user picks (webContents.printToPDF); null when they cancel. */
  savePdf?(suggestedName: string): Promise<ApiResult<string | null>>;
  /** The first-run screen's choices, before any database is open (desktop app only). */
  setup?: SetupBridge;
}

export const BRIDGE_KEY = 'callcenter';
/** IPC channel names; the preload and main agree on them through this module. */
export const IPC_CALL = 'api:call';
export const IPC_EVENT = 'api:event';
export const IPC_UPLOAD_BEGIN = 'files:upload-begin';
export const IPC_UPLOAD_CHUNK = 'files:upload-chunk';
export const IPC_UPLOAD_END = 'files:upload-end';
export const IPC_UPLOAD_ABORT = 'files:upload-abort';
export const IPC_SAVE_FILE = 'files:save';
export const IPC_SAVE_PDF = 'page:save-pdf';
export const IPC_SAVE_RECORDING = 'recordings:save';
