/**
 * A software HID-POS scanner for tests and the web host's demo mode. It sits behind the same
 * `HidModule` interface as node-hid, so its byte-exact reports go through the very path real
 * scanners take: enumeration, open, 'data' events, the core assembler.
 * Like real hidapi there is no buffer: reports sent while nobody has the device open are lost.
 */
import { EventEmitter } from 'node:events';
import { encodePosReports, encodeUtf8, type PosLayoutName } from '../../core/scanning/index';
import type { HidDeviceHandle, HidDeviceInfo, HidModule } from './hid-module';
import { HID_POS_USAGE_PAGE } from './scanner-match';

export type SimulatedScannerOptions = {
  readonly path: string;
  readonly vendorId?: number;
  readonly productId?: number;
  readonly usagePage?: number;
  readonly layout?: PosLayoutName;
};

class SimulatedHandle extends EventEmitter implements HidDeviceHandle {
  isClosed = false;

  constructor(private readonly onClose: () => void) {
    super();
  }

  close(): Promise<void> {
    if (!this.isClosed) {
      this.isClosed = true;
      this.onClose();
    }
    return Promise.resolve();
  }
}

/** One simulated scanner. Plugged in when created. */
export class SimulatedScanner {
  readonly info: HidDeviceInfo & { readonly path: string };
  readonly layout: PosLayoutName;
  private isPlugged = true;
  private handle: SimulatedHandle | null = null;

  constructor(options: SimulatedScannerOptions) {
    this.info = {
      path: options.path,
      vendorId: options.vendorId ?? 0x0c2e,
      productId: options.productId ?? 0x0b6a,
      usagePage: options.usagePage ?? HID_POS_USAGE_PAGE,
      usage: 0x02,
      product: 'Simulated HID-POS scanner',
    };
    this.layout = options.layout ?? 'honeywell-64';
  }

  get plugged(): boolean {
    return this.isPlugged;
  }

  /** True while some reader has the device open. */
  get isOpen(): boolean {
    return this.handle !== null;
  }

  /** Scans `text` as a QR code: UTF-8 bytes, split into this scanner's report layout. */
  scanText(text: string, symbology = ']Q1'): boolean {
    return this.sendReports(encodePosReports(encodeUtf8(text), this.layout, { symbology }));
  }

  /** Sends raw reports (e.g. from a .hex capture). Returns false when nobody was reading. */
  sendReports(reports: readonly Uint8Array[]): boolean {
    const handle = this.handle;
    if (handle === null) return false;
    for (const report of reports) handle.emit('data', Uint8Array.from(report));
    return true;
  }

  /** Pulls the cable: the open handle gets an 'error', as hidapi reports a failed read. */
  unplug(): void {
    this.isPlugged = false;
    const handle = this.handle;
    this.handle = null;
    handle?.emit('error', new Error('could not read from HID device'));
  }

  /** Plugs the cable back in; the reader finds it at its next enumeration. */
  replug(): void {
    this.isPlugged = true;
  }

  /** @internal used by the simulated module */
  attach(): SimulatedHandle {
    const handle = new SimulatedHandle(() => {
      if (this.handle === handle) this.handle = null;
    });
    this.handle = handle;
    return handle;
  }
}

/** A `HidModule` that enumerates and opens the given simulated scanners (plugged ones only). */
export function createSimulatedHidModule(scanners: readonly SimulatedScanner[]): HidModule {
  return {
    devicesAsync: () => Promise.resolve(scanners.filter((scanner) => scanner.plugged).map((scanner) => scanner.info)),
    HIDAsync: {
      open: (path) => {
        const scanner = scanners.find((candidate) => candidate.info.path === path && candidate.plugged);
        if (scanner === undefined) return Promise.reject(new Error('cannot open device'));
        return Promise.resolve(scanner.attach());
      },
    },
  };
}
