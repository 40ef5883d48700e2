import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import {
  BRIDGE_KEY,
  IPC_CALL,
  IPC_EVENT,
  IPC_SAVE_FILE,
  IPC_SAVE_RECORDING,
  IPC_SAVE_PDF,
  IPC_UPLOAD_ABORT,
  IPC_UPLOAD_BEGIN,
  IPC_UPLOAD_CHUNK,
  IPC_UPLOAD_END,
  type DesktopBridge,
} from '../../shared/api/bridge';
import type { UploadedFile } from '../../shared/api/files';
import { IPC_SETUP, type PickedFile, type SetupResult, type SetupStatus } from '../../shared/api/setup';
import type { ApiResult } from '../../shared/api/result';
import type { EventName, Events } from '../../shared/api/contract';

/*
 * The only thing the page gets from Electron: one narrow object. No ipcRenderer, no Node; every
 * argument is validated again in main, since a compromised page could send anything.
 */
const bridge = {
  call: (method: string, input: unknown) => ipcRenderer.invoke(IPC_CALL, method, input) as Promise<ApiResult<unknown>>,
  on: <E extends EventName>(event: E, listener: (payload: Events[E]) => void) => {
    const wrapped = (_e: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as Events[E]);
    };
    ipcRenderer.on(IPC_EVENT, wrapped);
    return () => {
      ipcRenderer.off(IPC_EVENT, wrapped);
    };
  },
  // The file's bytes cross over, never its path (main/electron/upload-streams.ts).
  upload: {
    begin: (meta) => ipcRenderer.invoke(IPC_UPLOAD_BEGIN, meta) as Promise<ApiResult<{ id: string }>>,
    chunk: (id, bytes) => ipcRenderer.invoke(IPC_UPLOAD_CHUNK, id, bytes) as Promise<ApiResult<null>>,
    end: (id) => ipcRenderer.invoke(IPC_UPLOAD_END, id) as Promise<ApiResult<UploadedFile>>,
    abort: async (id) => {
      await ipcRenderer.invoke(IPC_UPLOAD_ABORT, id);
    },
  },
  saveFile: (attachmentId: string) => ipcRenderer.invoke(IPC_SAVE_FILE, attachmentId) as Promise<ApiResult<string | null>>,
  saveRecording: (recordingId: string) => ipcRenderer.invoke(IPC_SAVE_RECORDING, recordingId) as Promise<ApiResult<string | null>>,
  savePdf: (suggestedName: string) => ipcRenderer.invoke(IPC_SAVE_PDF, suggestedName) as Promise<ApiResult<string | null>>,
  setup: {
    status: () => ipcRenderer.invoke(IPC_SETUP, 'status') as Promise<SetupStatus>,
    openDemo: () => ipcRenderer.invoke(IPC_SETUP, 'openDemo') as Promise<SetupResult<null>>,
    pickNew: () => ipcRenderer.invoke(IPC_SETUP, 'pickNew') as Promise<SetupResult<PickedFile | null>>,
    pickExisting: () => ipcRenderer.invoke(IPC_SETUP, 'pickExisting') as Promise<SetupResult<PickedFile | null>>,
    create: (token, adminPassword) => ipcRenderer.invoke(IPC_SETUP, 'create', token, adminPassword) as Promise<SetupResult<null>>,
    open: (token) => ipcRenderer.invoke(IPC_SETUP, 'open', token) as Promise<SetupResult<null>>,
  },
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
