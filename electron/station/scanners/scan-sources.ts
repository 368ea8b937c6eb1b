/**
 * Starts the scan sources of a station: real HID-POS scanners through node-hid (matched by usage page
 * 0x8C or configured VID/PID), and in demo mode one simulated scanner whose byte-exact reports take the
 * same path. A machine without libusb or without scanners still runs: keyboard-wedge scans come from
 * the renderer.
 */
import { HID_POS_USAGE_PAGE, type VidPid } from './scanner-match';
import { HidScannerService, type ScannerEvent, type ScannerScan } from './hid-scanner-service';
import { loadNodeHid, type HidModule } from './hid-module';
import { createSimulatedHidModule, SimulatedScanner } from './simulated-scanner';

export interface ScanSources {
  /** The demo scanner, when demo mode is on. */
  readonly demoScanner: SimulatedScanner | null;
  stop(): Promise<void>;
}

export interface ScanSourceOptions {
  readonly demoMode: boolean;
  readonly vidPids: readonly VidPid[];
  readonly onScan: (scan: ScannerScan) => void;
  readonly onEvent?: (event: ScannerEvent) => void;
  /** Injected in tests; defaults to the real node-hid. */
  readonly loadHid?: () => Promise<HidModule>;
}

export function startScanSources(options: ScanSourceOptions): ScanSources {
  const services: HidScannerService[] = [];
  const match = { usagePage: HID_POS_USAGE_PAGE, vidPids: options.vidPids };
  let demoScanner: SimulatedScanner | null = null;
  if (options.demoMode) {
    demoScanner = new SimulatedScanner({ path: 'demo://scanner-1' });
    const demo = new HidScannerService({ hid: createSimulatedHidModule([demoScanner]), match, onScan: options.onScan, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
    services.push(demo);
    void demo.start();
  }
  const loadHid = options.loadHid ?? loadNodeHid;
  let stopped = false;
  void loadHid().then(
    (hid) => {
      if (stopped) return;
      const real = new HidScannerService({ hid, match, onScan: options.onScan, ...(options.onEvent ? { onEvent: options.onEvent } : {}) });
      services.push(real);
      void real.start();
    },
    () => options.onEvent?.({ type: 'enumerate_failed' }),
  );
  return {
    demoScanner,
    stop: async () => {
      stopped = true;
      await Promise.all(services.map((service) => service.stop()));
    },
  };
}
