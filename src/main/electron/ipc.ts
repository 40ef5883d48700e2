import { ipcMain, type WebContents, type IpcMainInvokeEvent } from 'electron';
import { IPC_CALL, IPC_EVENT } from '../../shared/api/bridge';
import type { Caller, Dispatcher } from '../api/dispatcher';
import { isAppUrl } from './external-links';

/**
 * Serves the API over IPC. Each window is one caller with its own session. A message is
 * answered only when it comes from the top frame of one of our windows showing our own page:
 * an injected iframe or a navigated-away page gets nothing.
 */
export interface IpcServer {
  stop: () => void;
  /**
   * A window opened by another of ours (the form in its own window) continues the opener's
   * session, as a browser tab shares the cookie: same token, so logging out ends both.
   */
  shareSession: (from: WebContents, to: WebContents) => void;
  /** A window's caller (made on its first message), for the transfers beside the API (files-ipc.ts). */
  callerOf: (wc: WebContents) => Caller;
  /** Every window's caller, for the app:// scheme, which does not say which window asks. */
  callers: () => Caller[];
}

/**
 * The check every IPC handler of ours makes: the message comes from the top frame of one of our
 * windows showing our own page (senderFrame is null once the frame navigated away or was destroyed).
 */
export function fromOurPage(isOurWindow: (wc: WebContents) => boolean): (e: IpcMainInvokeEvent) => boolean {
  return (e) => isOurWindow(e.sender) && e.senderFrame !== null && e.senderFrame === e.sender.mainFrame && isAppUrl(e.senderFrame.url);
}

export function serveIpc(dispatcher: Dispatcher, isOurWindow: (wc: WebContents) => boolean): IpcServer {
  const callers = new Map<number, Caller>();
  const subscriptions = new Map<number, { stop: () => void }>();
  /** Each window hears only the events its own session may see (api/dispatcher.ts). */
  const listen = (wc: WebContents, caller: Caller) => {
    const id = wc.id;
    subscriptions.set(
      id,
      dispatcher.subscribe(caller, (event, payload) => {
        if (!wc.isDestroyed()) wc.send(IPC_EVENT, event, payload);
      }),
    );
    wc.once('destroyed', () => {
      callers.delete(id);
      subscriptions.get(id)?.stop();
      subscriptions.delete(id);
    });
  };

  const trusted = fromOurPage(isOurWindow);

  const callerOf = (wc: WebContents): Caller => {
    let caller = callers.get(wc.id);
    if (!caller) {
      caller = { transport: 'ipc', token: null };
      callers.set(wc.id, caller);
      listen(wc, caller);
    }
    return caller;
  };

  ipcMain.handle(IPC_CALL, (e, method: unknown, input: unknown) => {
    if (!trusted(e)) return { ok: false, error: { code: 'forbidden', message: 'Not from the application page.' } };
    return dispatcher.call(callerOf(e.sender), method, input);
  });

  return {
    stop: () => {
      for (const s of subscriptions.values()) s.stop();
      subscriptions.clear();
      ipcMain.removeHandler(IPC_CALL);
    },
    callerOf,
    callers: () => [...callers.values()],
    shareSession: (from, to) => {
      // Only between our own windows, and only once: a window that already has a caller keeps it.
      if (!isOurWindow(from) || !isOurWindow(to) || callers.has(to.id)) return;
      const token = callers.get(from.id)?.token ?? null;
      const caller: Caller = { transport: 'ipc', token };
      callers.set(to.id, caller);
      listen(to, caller);
    },
  };
}
