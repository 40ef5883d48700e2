import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_KEY, IPC_CALL, IPC_EVENT, type DesktopBridge } from '../../shared/api/bridge';
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
} satisfies DesktopBridge;

contextBridge.exposeInMainWorld(BRIDGE_KEY, bridge);
