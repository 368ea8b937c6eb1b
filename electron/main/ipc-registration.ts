/**
 * Registers one ipcMain handler per contract command. The sender must be the kiosk page's main frame
 * (a stray iframe or a navigated-away page gets `forbidden_sender`), then the shared dispatcher
 * validates the argument and runs the station's handler.
 */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { commandChannel, commandNames } from '../contract/commands';
import { eventChannel, eventNames } from '../contract/events';
import { fail, type Result } from '../contract/result';
import type { Dispatch } from '../station/ipc/dispatch';
import type { Station } from '../station/station';
import { isAppUrl } from './secure-window';

/** True when the message came from the kiosk page's top frame. */
export function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && isAppUrl(frame.url);
}

export function registerIpc(dispatch: Dispatch): () => void {
  for (const name of commandNames) {
    ipcMain.handle(commandChannel(name), async (event, ...args: unknown[]): Promise<Result<unknown>> => {
      if (!isTrustedSender(event)) return fail('forbidden_sender', { vi: 'Lệnh không đến từ trang của trạm.', en: 'Message from an untrusted frame.' });
      if (args.length > 1) return fail('bad_request', { vi: 'Mỗi lệnh nhận nhiều nhất một tham số.', en: 'A command takes at most one argument.' });
      return dispatch(name, args[0]);
    });
  }
  return () => {
    for (const name of commandNames) ipcMain.removeHandler(commandChannel(name));
  };
}

/** Forwards station events to the kiosk page. */
export function forwardEvents(station: Station, contents: WebContents): () => void {
  const unsubscribers = eventNames.map((name) =>
    station.on(name, (payload) => {
      if (!contents.isDestroyed()) contents.send(eventChannel(name), payload);
    }),
  );
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe());
}
