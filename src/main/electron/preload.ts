import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, IPC_CALL, IPC_EVENT, IPC_SAVE_FILE, IPC_UPLOAD, type DesktopBridge } from '../../shared/api/bridge';
import type { UploadedFile } from '../../shared/api/files';
import type { ApiResult } from '../../shared/api/result';
import type { EventName, Events } from '../../shared/api/contract';

/*
 * The only thing the page gets from Electron: one narrow object. No ipcRenderer, no Node; the
 * method name and input are validated again in main, since a compromised page could send anything.
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
  // Only the path of a file the person chose or dropped crosses over; main reads it from disk.
  uploadFile: (file: File) => ipcRenderer.invoke(IPC_UPLOAD, webUtils.getPathForFile(file), file.name, file.type) as Promise<ApiResult<UploadedFile>>,
  saveFile: (attachmentId: string) => ipcRenderer.invoke(IPC_SAVE_FILE, attachmentId) as Promise<ApiResult<string | null>>,
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
