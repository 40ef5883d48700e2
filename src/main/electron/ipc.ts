import { ipcMain, webContents, type WebContents, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../../shared/api/bridge';
import type { Caller, Dispatch } from '../api/dispatcher';
import type { EventBus } from '../app/events';
import { isAppUrl } from './external-links';

/**
 * Serves the API over IPC. Each window is one caller with its own session. A message is
 * answered only when it comes from the top frame of one of our windows showing our own page:
 * an injected iframe or a navigated-away page gets nothing.
 */
export function serveIpc(dispatch: Dispatch, events: EventBus, isOurWindow: (wc: WebContents) => boolean): () => void {
  const callers = new Map<number, Caller>();

  const trusted = (e: IpcMainInvokeEvent) =>
    isOurWindow(e.sender) && e.senderFrame !== null && e.senderFrame === e.sender.mainFrame && isAppUrl(e.senderFrame.url);

  ipcMain.handle(IPC_CALL, (e, method: unknown, input: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'Not from the application page.' } };
    let caller = callers.get(e.sender.id);
    if (!caller) {
      caller = { transport: 'ipc', token: null };
      callers.set(e.sender.id, caller);
      const id = e.sender.id;
      e.sender.once('destroyed', () => callers.delete(id));
    }
    return dispatch(caller, method, input);
  });

  const unsubscribe = events.subscribe((event, payload) => {
    for (const [id] of callers) {
      const wc = webContents.fromId(id);
      if (wc && !wc.isDestroyed()) wc.send(IPC_EVENT, event, payload);
    }
  });

  return () => {
    unsubscribe();
    ipcMain.removeHandler(IPC_CALL);
  };
}
