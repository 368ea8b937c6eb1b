import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');
const { createAppExit, isSupervised, VOLUNTEER_EXIT_CODE } = await import('../../electron/main/app-exit');

const app = electron.app as unknown as { exit: ReturnType<typeof vi.fn>; relaunch: ReturnType<typeof vi.fn> };

describe('app exit', () => {
  beforeEach(() => {
    app.exit.mockClear();
    app.relaunch.mockClear();
  });

  it('closes the station before exiting, exactly once', async () => {
    const order: string[] = [];
    const closeStation = vi.fn(async () => void order.push('close'));
    app.exit.mockImplementation(() => void order.push('exit'));
    const exit = createAppExit({ closeStation, supervised: false });
    exit.quit();
    exit.quit();
    exit.relaunch();
    expect(exit.isExiting()).toBe(true);
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(order).toEqual(['close', 'exit']);
    expect(closeStation).toHaveBeenCalledTimes(1);
    expect(app.relaunch).not.toHaveBeenCalled();
  });

  it('relaunches itself, or leaves it to systemd when supervised', async () => {
    createAppExit({ closeStation: () => null, supervised: false }).relaunch();
    expect(app.relaunch).toHaveBeenCalledTimes(1);
    expect(app.exit).toHaveBeenCalledWith(0);
    createAppExit({ closeStation: () => null, supervised: true }).relaunch();
    expect(app.relaunch).toHaveBeenCalledTimes(1);
  });

  it('exits with the volunteer code, even when the station fails to close', async () => {
    const log = vi.fn();
    createAppExit({ closeStation: () => Promise.reject(new Error('disk gone')), supervised: true, log }).quit(VOLUNTEER_EXIT_CODE);
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(64));
    expect(log).toHaveBeenCalledWith('station did not close cleanly', expect.any(Error));
  });

  it('knows when systemd supervises the app', () => {
    expect(isSupervised('linux', { INVOCATION_ID: 'abc' })).toBe(true);
    expect(isSupervised('linux', {})).toBe(false);
    expect(isSupervised('win32', { INVOCATION_ID: 'abc' })).toBe(false);
  });
});
