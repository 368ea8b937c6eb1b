import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeBrowserWindow } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');
const { applyRememberedGpuChoice, readRecoveryState, RECOVERY_STATE_FILE, UNRESPONSIVE_GRACE_MS, watchRecovery, writeRecoveryState } = await import('../../electron/main/recovery');

const app = electron.app as unknown as { on: ReturnType<typeof vi.fn>; off: ReturnType<typeof vi.fn>; disableHardwareAcceleration: ReturnType<typeof vi.fn> };

/** The listener main registered on app for `name` (the last one). */
function appListener(name: string): (...args: unknown[]) => void {
  const call = app.on.mock.calls.filter(([event]) => event === name).at(-1);
  if (!call) throw new Error(`no app listener for ${name}`);
  return call[1] as (...args: unknown[]) => void;
}

describe('recovery', () => {
  let dir: string;
  let clock: number;
  let relaunch: ReturnType<typeof vi.fn<() => void>>;
  let window: FakeBrowserWindow;
  let stop: () => void;
  const log = vi.fn();

  const start = (hardwareAccelerationOff = false) => {
    window = new FakeBrowserWindow({});
    relaunch = vi.fn<() => void>();
    stop = watchRecovery(window as never, { userDataDir: dir, hardwareAccelerationOff, relaunch, nowMs: () => clock, log });
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'tram-recovery-'));
    clock = Date.parse('2026-03-02T10:00:00Z');
    vi.useFakeTimers();
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
  });

  it('reloads the page when its renderer is gone', () => {
    start();
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(window.webContents.calls).toEqual(['reload']);
    expect(relaunch).not.toHaveBeenCalled();
  });

  it('relaunches on the third renderer failure within 10 minutes', () => {
    start();
    for (const minute of [0, 3, 6]) {
      clock += minute * 60_000;
      window.webContents.emit('render-process-gone', {}, { reason: 'oom', exitCode: 1 });
    }
    expect(window.webContents.calls).toEqual(['reload', 'reload']);
    expect(relaunch).toHaveBeenCalledTimes(1);
  });

  it('ignores a clean exit of the renderer', () => {
    start();
    window.webContents.emit('render-process-gone', {}, { reason: 'clean-exit', exitCode: 0 });
    expect(window.webContents.calls).toEqual([]);
  });

  it('gives a hung page a grace period, then force-crashes and reloads it', () => {
    start();
    window.emit('unresponsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS - 1);
    expect(window.webContents.calls).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(window.webContents.calls).toEqual(['forcefullyCrashRenderer', 'reload']);
    // The force-crash reports the renderer as killed: already handled, not a second reload.
    window.webContents.emit('render-process-gone', {}, { reason: 'killed', exitCode: 9 });
    expect(window.webContents.calls).toEqual(['forcefullyCrashRenderer', 'reload']);
  });

  it('leaves a page alone that becomes responsive again within the grace period', () => {
    start();
    window.emit('unresponsive');
    vi.advanceTimersByTime(5_000);
    window.emit('responsive');
    vi.advanceTimersByTime(UNRESPONSIVE_GRACE_MS * 2);
    expect(window.webContents.calls).toEqual([]);
  });

  it('on a GPU crash remembers "no hardware acceleration" and relaunches', () => {
    start();
    appListener('child-process-gone')({}, { type: 'Utility', reason: 'crashed', exitCode: 1 });
    expect(relaunch).not.toHaveBeenCalled();
    appListener('child-process-gone')({}, { type: 'GPU', reason: 'crashed', exitCode: 34 });
    expect(relaunch).toHaveBeenCalledTimes(1);
    expect(JSON.parse(readFileSync(join(dir, RECOVERY_STATE_FILE), 'utf8'))).toEqual({ hardwareAccelerationOff: true, changedAt: '2026-03-02T10:00:00.000Z' });
    expect(readRecoveryState(dir)).toEqual({ hardwareAccelerationOff: true });
  });

  it('does not relaunch again for GPU crashes once acceleration is off', () => {
    start(true);
    appListener('child-process-gone')({}, { type: 'GPU', reason: 'crashed', exitCode: 34 });
    expect(relaunch).not.toHaveBeenCalled();
  });

  it('stops listening when disposed', () => {
    start();
    stop();
    expect(app.off).toHaveBeenCalledWith('child-process-gone', expect.any(Function));
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 1 });
    expect(window.webContents.calls).toEqual([]);
  });
});

describe('remembered GPU choice', () => {
  it('disables hardware acceleration before ready when a GPU crash was remembered', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tram-gpu-'));
    app.disableHardwareAcceleration.mockClear();
    expect(applyRememberedGpuChoice(dir)).toEqual({ hardwareAccelerationOff: false });
    expect(app.disableHardwareAcceleration).not.toHaveBeenCalled();
    writeRecoveryState(dir, { hardwareAccelerationOff: true }, '2026-03-02T10:00:00.000Z');
    expect(applyRememberedGpuChoice(dir)).toEqual({ hardwareAccelerationOff: true });
    expect(app.disableHardwareAcceleration).toHaveBeenCalledTimes(1);
  });

  it('starts with the GPU on when the file is damaged, and says so', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tram-gpu-'));
    const log = vi.fn();
    for (const text of ['{not json', '{"hardwareAccelerationOff":"yes"}', 'null']) {
      writeFileSync(join(dir, RECOVERY_STATE_FILE), text);
      expect(readRecoveryState(dir, log)).toEqual({ hardwareAccelerationOff: false });
    }
    expect(log).toHaveBeenCalledTimes(3);
  });
});
