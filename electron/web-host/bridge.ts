/**
 * The WebSocket side of the KioskApi for the web host: one JSON frame per command, answered with the
 * same result envelope Electron's IPC gives. Frames are size-capped by the socket, shape-checked here
 * and then pass the same dispatcher as IPC in main.
 */
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { BridgeFrame } from '../contract/kiosk-api';
import { fail } from '../contract/result';
import type { Dispatch } from '../station/ipc/dispatch';

const requestSchema = z.object({ id: z.number().int().nonnegative(), command: z.string().max(64), input: z.unknown() });

function send(socket: WebSocket, frame: BridgeFrame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/** Answers the frames of one connected page. */
export function serveBridge(socket: WebSocket, dispatch: Dispatch): void {
  socket.on('message', (data, isBinary) => {
    void (async () => {
      if (isBinary) {
        send(socket, { type: 'result', id: 0, result: fail('bad_request', { vi: 'Không nhận khung nhị phân.', en: 'Binary frames are not accepted.' }) });
        return;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(String(data));
      } catch {
        send(socket, { type: 'result', id: 0, result: fail('bad_request', { vi: 'Khung không phải JSON.', en: 'The frame is not JSON.' }) });
        return;
      }
      const request = requestSchema.safeParse(raw);
      if (!request.success) {
        send(socket, { type: 'result', id: 0, result: fail('bad_request', { vi: 'Khung phải có dạng {id, command, input}.', en: 'A frame must be {id, command, input}.' }) });
        return;
      }
      const result = await dispatch(request.data.command, request.data.input);
      send(socket, { type: 'result', id: request.data.id, result });
    })();
  });
}

/** Sends a station event to one page. */
export function sendEvent(socket: WebSocket, frame: Extract<BridgeFrame, { type: 'event' }>): void {
  send(socket, frame);
}
