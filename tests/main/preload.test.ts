import { describe, expect, it, vi } from 'vitest';
import { electronMock } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');
const { commandNames } = await import('../../electron/contract/commands');
await import('../../electron/preload/preload');

describe('preload', () => {
  const exposed = vi.mocked(electron.contextBridge.exposeInMainWorld).mock.calls[0];
  const api = exposed?.[1] as Record<string, unknown>;

  it('exposes only window.kiosk with one method per command plus on()', () => {
    expect(exposed?.[0]).toBe('kiosk');
    expect(Object.keys(api).sort()).toEqual([...commandNames, 'on'].sort());
    expect(Object.isFrozen(api)).toBe(true);
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('sends each command on its own channel with one argument', async () => {
    await (api.echo as (input: unknown) => Promise<unknown>)({ text: 'a' });
    expect(electron.ipcRenderer.invoke).toHaveBeenCalledWith('kiosk:echo', { text: 'a' });
  });

  it('subscribes to events with an unsubscribe function', () => {
    const listener = vi.fn();
    const off = (api.on as (name: string, listener: unknown) => () => void)('syncChanged', listener);
    expect(electron.ipcRenderer.on).toHaveBeenCalledWith('kiosk-event:syncChanged', expect.any(Function));
    const wrapped = vi.mocked(electron.ipcRenderer.on).mock.calls[0]?.[1] as (event: unknown, payload: unknown) => void;
    wrapped({}, { state: 'idle' });
    expect(listener).toHaveBeenCalledWith({ state: 'idle' });
    off();
    expect(electron.ipcRenderer.removeListener).toHaveBeenCalledWith('kiosk-event:syncChanged', wrapped);
  });
});
