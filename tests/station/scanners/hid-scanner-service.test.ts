import { describe, expect, it } from 'vitest';
import { encodePosReports } from '../../../electron/core/scanning/hid-pos-layout';
import { encodeUtf8 } from '../../../electron/core/scanning/utf8';
import type { HidDeviceHandle, HidDeviceInfo, HidModule } from '../../../electron/station/scanners/hid-module';
import { HidScannerService, type ScannerEvent, type ScannerScan, type TimerHandle, type Timers } from '../../../electron/station/scanners/hid-scanner-service';
import { createSimulatedHidModule, SimulatedScanner } from '../../../electron/station/scanners/simulated-scanner';

const S1 = '079195000000|025000000|Nguyễn Thị Mẫu|01011995|Nữ|Số 1 Đường Thử Nghiệm, Phường Mẫu, TP. Hồ Chí Minh|15042021';
const CARD = 'TRAMHS1:ABCDEFGHIJKLMNOP';

/** A manual clock and timer queue: time moves only when the test says so. */
class FakeTime implements Timers {
  now = 0;
  private queue: { at: number; callback: () => void; handle: TimerHandle }[] = [];

  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const handle = { id: Symbol('timer') };
    this.queue.push({ at: this.now + delayMs, callback, handle });
    return handle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.queue = this.queue.filter((entry) => entry.handle !== handle);
  }

  get pendingDelays(): number[] {
    return this.queue.map((entry) => entry.at - this.now).sort((a, b) => a - b);
  }

  /** Advances time, firing due timers in order and letting their promises settle. */
  async advance(ms: number): Promise<void> {
    const end = this.now + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (next === undefined || next.at > end) break;
      this.queue.shift();
      this.now = next.at;
      next.callback();
      await settle();
    }
    this.now = end;
    await settle();
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

function setup(scanners: SimulatedScanner[], hid: HidModule = createSimulatedHidModule(scanners)) {
  const time = new FakeTime();
  const scans: ScannerScan[] = [];
  const events: ScannerEvent[] = [];
  const service = new HidScannerService({
    hid,
    match: {},
    onScan: (scan) => scans.push(scan),
    onEvent: (event) => events.push(event),
    clock: () => time.now,
    timers: time,
  });
  return { time, scans, events, service };
}

describe('HidScannerService', () => {
  it('opens a HID-POS scanner and reports its scans, decoded once reassembled', async () => {
    const scanner = new SimulatedScanner({ path: 'sim-0' });
    const { service, scans, events } = setup([scanner]);
    await service.start();
    expect(service.openDevicePaths).toEqual(['sim-0']);
    expect(events).toEqual([{ type: 'opened', devicePath: 'sim-0' }]);
    expect(scanner.scanText(S1)).toBe(true);
    expect(scans).toHaveLength(1);
    expect(scans[0]).toMatchObject({ devicePath: 'sim-0', text: S1, symbology: ']Q1' });
    expect(scans[0]?.bytes.length).toBe(135);
    await service.stop();
  });

  it('reads several scanners at once, each with its own assembler', async () => {
    const a = new SimulatedScanner({ path: 'sim-a' });
    const b = new SimulatedScanner({ path: 'sim-b', layout: 'generic-61' });
    const { service, scans } = setup([a, b]);
    await service.start();
    const aReports = encodePosReports(encodeUtf8(S1), 'honeywell-64');
    const bReports = encodePosReports(encodeUtf8(CARD), 'generic-61');
    a.sendReports(aReports.slice(0, 2));
    b.sendReports(bReports); // interleaved with a's scan in progress
    a.sendReports(aReports.slice(2));
    expect(scans.map((s) => [s.devicePath, s.text])).toEqual([
      ['sim-b', CARD],
      ['sim-a', S1],
    ]);
    await service.stop();
  });

  it('reports a partial scan as truncated once its 300 ms run out', async () => {
    const scanner = new SimulatedScanner({ path: 'sim-0' });
    const { service, scans, events, time } = setup([scanner]);
    await service.start();
    scanner.sendReports(encodePosReports(encodeUtf8(S1), 'honeywell-64').slice(0, 1));
    await time.advance(250);
    expect(events.filter((e) => e.type === 'scan_error')).toEqual([]);
    await time.advance(100);
    expect(events.filter((e) => e.type === 'scan_error')).toEqual([{ type: 'scan_error', devicePath: 'sim-0', code: 'truncated' }]);
    expect(scans).toEqual([]);
    await service.stop();
  });

  it('survives unplug and replug, re-enumerating with backoff 1 s → 30 s', async () => {
    const scanner = new SimulatedScanner({ path: 'sim-0' });
    const { service, scans, events, time } = setup([scanner]);
    await service.start();
    scanner.unplug();
    await settle();
    expect(service.openDevicePaths).toEqual([]);
    expect(events).toContainEqual({ type: 'closed', devicePath: 'sim-0' });
    await time.advance(1_000 + 2_000 + 4_000 + 8_000 + 16_000 + 30_000 + 30_000);
    const delays = events.flatMap((e) => (e.type === 'rescan_scheduled' ? [e.delayMs] : []));
    expect(delays).toEqual([1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000]);
    scanner.replug();
    await time.advance(30_000);
    expect(service.openDevicePaths).toEqual(['sim-0']);
    expect(time.pendingDelays).toEqual([]); // found: no more polling
    scanner.scanText(CARD);
    expect(scans.map((s) => s.text)).toEqual([CARD]);
    // The backoff starts again at 1 s after the next unplug.
    scanner.unplug();
    await settle();
    expect(time.pendingDelays).toEqual([1_000]);
    await service.stop();
  });

  it('keeps looking when no scanner is plugged in at start', async () => {
    const scanner = new SimulatedScanner({ path: 'sim-0' });
    scanner.unplug();
    const { service, time } = setup([scanner]);
    await service.start();
    expect(time.pendingDelays).toEqual([1_000]);
    scanner.replug();
    await time.advance(1_000);
    expect(service.openDevicePaths).toEqual(['sim-0']);
    await service.stop();
  });

  it('retries devices that fail to open and enumerations that fail', async () => {
    let failEnumeration = true;
    let failOpen = true;
    const closed: string[] = [];
    const handle: HidDeviceHandle = { on: () => handle, close: () => (closed.push('x'), Promise.resolve()) };
    const info: HidDeviceInfo = { vendorId: 1, productId: 2, path: 'p', usagePage: 0x8c };
    const hid: HidModule = {
      devicesAsync: () => (failEnumeration ? Promise.reject(new Error('usb busy')) : Promise.resolve([info])),
      HIDAsync: { open: () => (failOpen ? Promise.reject(new Error('cannot open device')) : Promise.resolve(handle)) },
    };
    const { service, events, time } = setup([], hid);
    await service.start();
    expect(events).toEqual([{ type: 'enumerate_failed' }, { type: 'rescan_scheduled', delayMs: 1_000 }]);
    failEnumeration = false;
    await time.advance(1_000);
    expect(events.slice(2)).toEqual([{ type: 'open_failed', devicePath: 'p' }, { type: 'rescan_scheduled', delayMs: 2_000 }]);
    failOpen = false;
    await time.advance(2_000);
    expect(service.openDevicePaths).toEqual(['p']);
    await service.stop();
    expect(closed).toEqual(['x']);
  });

  it('stop() closes every device, cancels timers and silences events', async () => {
    const a = new SimulatedScanner({ path: 'sim-a' });
    const b = new SimulatedScanner({ path: 'sim-b' });
    const { service, scans, events, time } = setup([a, b]);
    await service.start();
    a.sendReports(encodePosReports(encodeUtf8(S1), 'honeywell-64').slice(0, 1)); // arms a flush timer
    await service.stop();
    expect([a.isOpen, b.isOpen]).toEqual([false, false]);
    expect(time.pendingDelays).toEqual([]);
    const before = events.length;
    expect(a.scanText(CARD)).toBe(false);
    b.unplug();
    await time.advance(60_000);
    expect(scans).toEqual([]);
    expect(events).toHaveLength(before);
  });

  it('closes a device that finishes opening after stop()', async () => {
    let release: (h: HidDeviceHandle) => void = () => undefined;
    let closed = false;
    const handle: HidDeviceHandle = { on: () => handle, close: () => ((closed = true), Promise.resolve()) };
    const hid: HidModule = {
      devicesAsync: () => Promise.resolve([{ vendorId: 1, productId: 2, path: 'slow', usagePage: 0x8c }]),
      HIDAsync: { open: () => new Promise((resolve) => (release = resolve)) },
    };
    const { service } = setup([], hid);
    const started = service.start();
    await settle();
    const stopped = service.stop();
    release(handle);
    await Promise.all([started, stopped]);
    expect(closed).toBe(true);
    expect(service.openDevicePaths).toEqual([]);
  });

  it('reports bad reports as typed scan errors, without their bytes', async () => {
    const scanner = new SimulatedScanner({ path: 'sim-0' });
    const { service, events, scans } = setup([scanner]);
    await service.start();
    scanner.sendReports([new Uint8Array(10), ...encodePosReports(Uint8Array.from([0xc3, 0x28]), 'honeywell-64')]);
    expect(events.filter((e) => e.type === 'scan_error')).toEqual([
      { type: 'scan_error', devicePath: 'sim-0', code: 'bad_report_length' },
      { type: 'scan_error', devicePath: 'sim-0', code: 'invalid_utf8' },
    ]);
    expect(scans).toEqual([]);
    await service.stop();
  });
});
