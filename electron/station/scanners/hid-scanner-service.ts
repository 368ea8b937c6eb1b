/**
 * Reads HID-POS scanners through node-hid (or an injected fake) and turns their reports into scans
 * with the core `HidPosAssembler`. It translates only: what a scan means is decided elsewhere.
 *
 * Lifecycle: `start()` enumerates and opens every matching interface (several at once is fine). A
 * device 'error' (usually an unplug) closes that device and schedules a re-enumeration; while no
 * scanner is open, or an open failed, re-enumeration repeats with backoff 1 s → 2 s → … → 30 s, and
 * the backoff resets once a device opens. `stop()` cancels the timers and closes everything.
 * Privacy: events carry codes and device paths only, never scanned text.
 */
import { HidPosAssembler, type PosLayoutName, type ScanningErrorCode } from '../../core/scanning/index';
import type { HidDeviceHandle, HidModule } from './hid-module';
import { selectScannerDevices, type ScannerDevice, type ScannerMatch } from './scanner-match';

export type ScannerScan = {
  readonly devicePath: string;
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly symbology: string;
};

export type ScannerEvent =
  | { readonly type: 'opened'; readonly devicePath: string }
  | { readonly type: 'closed'; readonly devicePath: string }
  | { readonly type: 'open_failed'; readonly devicePath: string }
  | { readonly type: 'enumerate_failed' }
  | { readonly type: 'scan_error'; readonly devicePath: string; readonly code: ScanningErrorCode }
  | { readonly type: 'rescan_scheduled'; readonly delayMs: number };

export type TimerHandle = { readonly id: unknown };
export type Timers = {
  setTimeout(callback: () => void, delayMs: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
};

export const realTimers: Timers = {
  setTimeout: (callback, delayMs) => ({ id: globalThis.setTimeout(callback, delayMs) }),
  clearTimeout: (handle) => globalThis.clearTimeout(handle.id as ReturnType<typeof globalThis.setTimeout>),
};

export type HidScannerServiceOptions = {
  readonly hid: HidModule;
  readonly match: ScannerMatch;
  readonly onScan: (scan: ScannerScan) => void;
  readonly onEvent?: (event: ScannerEvent) => void;
  readonly layout?: PosLayoutName | 'auto';
  readonly clock?: () => number;
  readonly timers?: Timers;
  readonly initialBackoffMs?: number;
  readonly maxBackoffMs?: number;
};

/** Closes a device, swallowing failures: a device that is gone cannot be closed twice. */
async function closeQuietly(handle: HidDeviceHandle): Promise<void> {
  try {
    await handle.close();
  } catch {
    // already closed or unplugged; nothing left to release
  }
}

type OpenScanner = { readonly handle: HidDeviceHandle; readonly assembler: HidPosAssembler; flushTimer: TimerHandle | null };

/** Keeps every matching scanner open and reports its scans. */
export class HidScannerService {
  private readonly open = new Map<string, OpenScanner>();
  private readonly opening = new Set<string>();
  private readonly timers: Timers;
  private readonly clock: () => number;
  private readonly initialBackoffMs: number;
  private readonly maxBackoffMs: number;
  private backoffMs: number;
  private rescanTimer: TimerHandle | null = null;
  private enumerating: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly options: HidScannerServiceOptions) {
    this.timers = options.timers ?? realTimers;
    this.clock = options.clock ?? (() => Date.now());
    this.initialBackoffMs = options.initialBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 30_000;
    this.backoffMs = this.initialBackoffMs;
  }

  /** Paths of the scanners open right now. */
  get openDevicePaths(): string[] {
    return [...this.open.keys()];
  }

  /** Opens every scanner present now; keeps looking with backoff if there is none. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.rescan();
  }

  /** Enumerates now (e.g. on a USB attach event); concurrent calls share one enumeration. */
  rescan(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.enumerating ??= this.enumerate().finally(() => {
      this.enumerating = null;
    });
    return this.enumerating;
  }

  /** Cancels every timer and closes every device; no event or scan is reported afterwards. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.rescanTimer !== null) this.timers.clearTimeout(this.rescanTimer);
    this.rescanTimer = null;
    const scanners = [...this.open.values()];
    this.open.clear();
    for (const scanner of scanners) if (scanner.flushTimer !== null) this.timers.clearTimeout(scanner.flushTimer);
    await Promise.all(scanners.map((scanner) => closeQuietly(scanner.handle)));
    await this.enumerating;
  }

  private async enumerate(): Promise<void> {
    if (this.rescanTimer !== null) this.timers.clearTimeout(this.rescanTimer);
    this.rescanTimer = null;
    let devices: ScannerDevice[];
    try {
      devices = selectScannerDevices(await this.options.hid.devicesAsync(), this.options.match);
    } catch {
      this.emit({ type: 'enumerate_failed' });
      this.scheduleRescan();
      return;
    }
    const fresh = devices.filter((device) => !this.open.has(device.path) && !this.opening.has(device.path));
    const results = await Promise.all(fresh.map((device) => this.openDevice(device.path)));
    if (results.some((opened) => opened)) this.backoffMs = this.initialBackoffMs;
    if (results.some((opened) => !opened) || this.open.size === 0) this.scheduleRescan();
  }

  private async openDevice(path: string): Promise<boolean> {
    if (this.stopped) return false;
    this.opening.add(path);
    let handle: HidDeviceHandle;
    try {
      handle = await this.options.hid.HIDAsync.open(path);
    } catch {
      this.emit({ type: 'open_failed', devicePath: path });
      return false;
    } finally {
      this.opening.delete(path);
    }
    if (this.stopped) {
      await closeQuietly(handle);
      return false;
    }
    const scanner: OpenScanner = { handle, assembler: new HidPosAssembler({ layout: this.options.layout ?? 'auto' }), flushTimer: null };
    this.open.set(path, scanner);
    handle.on('data', (report) => this.onReport(path, scanner, report));
    handle.on('error', () => void this.onDeviceError(path, scanner));
    this.emit({ type: 'opened', devicePath: path });
    return true;
  }

  private onReport(path: string, scanner: OpenScanner, report: Uint8Array): void {
    if (this.open.get(path) !== scanner) return;
    const result = scanner.assembler.push(report, this.clock());
    this.armFlushTimer(path, scanner);
    if (result.kind === 'scan') {
      this.options.onScan({ devicePath: path, text: result.text, bytes: result.bytes, symbology: result.symbology });
    } else if (result.kind === 'error') {
      this.emit({ type: 'scan_error', devicePath: path, code: result.code });
    }
  }

  // One timer per device, re-armed after every report, fires when the partial scan is overdue.
  private armFlushTimer(path: string, scanner: OpenScanner): void {
    if (scanner.flushTimer !== null) this.timers.clearTimeout(scanner.flushTimer);
    scanner.flushTimer = null;
    const deadline = scanner.assembler.partialDeadline();
    if (deadline === null) return;
    const delay = Math.max(0, deadline - this.clock()) + 1;
    scanner.flushTimer = this.timers.setTimeout(() => {
      scanner.flushTimer = null;
      if (this.open.get(path) !== scanner) return;
      const result = scanner.assembler.flush(this.clock());
      if (result.kind === 'error') this.emit({ type: 'scan_error', devicePath: path, code: result.code });
      else if (result.kind === 'partial') this.armFlushTimer(path, scanner);
    }, delay);
  }

  private async onDeviceError(path: string, scanner: OpenScanner): Promise<void> {
    if (this.open.get(path) !== scanner) return;
    this.open.delete(path);
    if (scanner.flushTimer !== null) this.timers.clearTimeout(scanner.flushTimer);
    const pending = scanner.assembler.end();
    if (pending.kind === 'error') this.emit({ type: 'scan_error', devicePath: path, code: pending.code });
    await closeQuietly(scanner.handle);
    this.emit({ type: 'closed', devicePath: path });
    this.backoffMs = this.initialBackoffMs;
    this.scheduleRescan();
  }

  private scheduleRescan(): void {
    if (this.stopped || this.rescanTimer !== null) return;
    const delayMs = this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, this.maxBackoffMs);
    this.emit({ type: 'rescan_scheduled', delayMs });
    this.rescanTimer = this.timers.setTimeout(() => {
      this.rescanTimer = null;
      void this.rescan();
    }, delayMs);
  }

  private emit(event: ScannerEvent): void {
    if (!this.stopped) this.options.onEvent?.(event);
  }
}
