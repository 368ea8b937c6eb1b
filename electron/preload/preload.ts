/**
 * The preload: exposes exactly the KioskApi, derived from the contract, and nothing else. The page
 * never sees ipcRenderer; every method sends to its own channel, every listener is unsubscribable.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { commandChannel, commandNames } from '../contract/commands';
import { eventChannel } from '../contract/events';
import type { KioskApi } from '../contract/kiosk-api';

/** Builds the API object; `ipc` is injected so tests can check what crosses. */
export function buildKioskApi(ipc: Pick<typeof ipcRenderer, 'invoke' | 'on' | 'removeListener'>): KioskApi {
  const methods = Object.fromEntries(commandNames.map((name) => [name, (input: unknown) => ipc.invoke(commandChannel(name), input ?? {})]));
  const on: KioskApi['on'] = (name, listener) => {
    const channel = eventChannel(name);
    const wrapped = (_event: unknown, payload: unknown) => listener(payload as never);
    ipc.on(channel, wrapped);
    return () => {
      ipc.removeListener(channel, wrapped);
    };
  };
  return Object.freeze({ ...methods, on }) as unknown as KioskApi;
}

contextBridge.exposeInMainWorld('kiosk', buildKioskApi(ipcRenderer));
