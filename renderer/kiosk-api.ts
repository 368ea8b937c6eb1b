/**
 * The only module that touches `window.kiosk` (Electron preload) or the WebSocket bridge (web host).
 * Both give the same KioskApi, so screens never know which host they run in.
 */
import type { EventName, KioskEvents } from '../electron/contract/events';
import type { BridgeFrame, KioskApi } from '../electron/contract/kiosk-api';
import { fail, type Result } from '../electron/contract/result';

declare global {
  interface Window {
    kiosk?: KioskApi;
  }
}

type Pending = (result: Result<unknown>) => void;

const TOKEN_KEY = 'tram-bridge-token';

function bridgeToken(): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    // Keep the token out of screenshots and the address bar once it is stored.
    history.replaceState(null, '', window.location.pathname);
    return fromHash;
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

/** KioskApi over the web host's WebSocket, reconnecting with backoff when the socket drops. */
function createBridgeApi(): KioskApi {
  const token = bridgeToken() ?? '';
  const pending = new Map<number, Pending>();
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let retryMs = 250;

  const connect = (): Promise<WebSocket> => {
    if (opened) return opened;
    opened = new Promise((resolve, reject) => {
      const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/bridge?token=${encodeURIComponent(token)}`;
      const ws = new WebSocket(url);
      ws.onopen = () => {
        socket = ws;
        retryMs = 250;
        resolve(ws);
      };
      ws.onmessage = (message) => {
        const frame = JSON.parse(String(message.data)) as BridgeFrame;
        if (frame.type === 'result') {
          pending.get(frame.id)?.(frame.result);
          pending.delete(frame.id);
        } else {
          for (const listener of listeners.get(frame.name) ?? []) listener(frame.payload);
        }
      };
      ws.onclose = () => {
        socket = null;
        opened = null;
        for (const settle of pending.values()) settle(fail('unavailable', { vi: 'Mất kết nối với trạm', en: 'Lost connection to the station' }));
        pending.clear();
        reject(new Error('bridge closed'));
        if (listeners.size > 0) setTimeout(() => void connect().catch(() => undefined), retryMs);
        retryMs = Math.min(retryMs * 2, 5000);
      };
    });
    return opened;
  };

  const invoke = async (command: string, input: unknown): Promise<Result<unknown>> => {
    let ws: WebSocket;
    try {
      ws = socket ?? (await connect());
    } catch {
      return fail('unavailable', { vi: 'Không kết nối được với trạm', en: 'Cannot reach the station' });
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      ws.send(JSON.stringify({ id, command, input }));
    });
  };

  const on = <E extends EventName>(name: E, listener: (payload: KioskEvents[E]) => void) => {
    const set = listeners.get(name) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(name, set);
    void connect().catch(() => undefined);
    return () => set.delete(listener as (payload: unknown) => void);
  };

  // Command methods are looked up by name, so the bridge needs no copy of the command list.
  return new Proxy({ on } as unknown as KioskApi, {
    get: (target, property) => (property === 'on' ? target.on : (input: unknown) => invoke(String(property), input)),
  });
}

let api: KioskApi | null = null;

/** True inside the Electron kiosk (the preload's API), false in a browser on the web host. */
export function runsInKioskShell(): boolean {
  return window.kiosk !== undefined;
}

/** The station API for this page. */
export function kiosk(): KioskApi {
  api ??= window.kiosk ?? createBridgeApi();
  return api;
}
