import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');
const { watchNetwork } = await import('../../electron/main/network-watch');

describe('network watch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('calls back when the network returns, not while it stays up or down', () => {
    const isOnline = vi.mocked(electron.net.isOnline);
    isOnline.mockReturnValue(false);
    const onOnline = vi.fn();
    const stop = watchNetwork(onOnline, 1000);
    vi.advanceTimersByTime(3000);
    expect(onOnline).not.toHaveBeenCalled();
    isOnline.mockReturnValue(true);
    vi.advanceTimersByTime(1000);
    expect(onOnline).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5000);
    expect(onOnline).toHaveBeenCalledTimes(1);
    stop();
  });

  it('treats waking from sleep as a possible return, and stops cleanly', () => {
    const onOnline = vi.fn();
    const stop = watchNetwork(onOnline, 1000);
    (electron.powerMonitor as unknown as NodeJS.EventEmitter).emit('resume');
    expect(onOnline).toHaveBeenCalledTimes(1);
    stop();
    (electron.powerMonitor as unknown as NodeJS.EventEmitter).emit('resume');
    expect(onOnline).toHaveBeenCalledTimes(1);
  });
});
