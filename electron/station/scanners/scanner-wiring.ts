/**
 * Connects the station's scan sources (scan-sources.ts) to the scan router, and their events to the
 * technician log and to station health: which scanners are open now, and the last thing that went
 * wrong (a device that would not open, a report that could not be decoded, node-hid missing). Before
 * this module those events reached nobody in production.
 */
import type { ScanMethod } from '../learners/learner-road';
import type { StationLogger } from '../logging/station-logger';
import type { HidModule } from './hid-module';
import type { ScannerEvent } from './hid-scanner-service';
import type { VidPid } from './scanner-match';
import { startScanSources, type ScanSources } from './scan-sources';

export interface ScannerHealth {
  /** Scanners open right now (the demo scanner included, as `demo`). */
  readonly connected: number;
  readonly kinds: ReadonlyArray<'hid-pos' | 'demo'>;
  /** The last scanner problem, with the station wall time it happened. */
  readonly lastProblem: { readonly type: ScannerEvent['type']; readonly atWallMs: number } | null;
}

export interface ScannerWiringOptions {
  readonly demoMode: boolean;
  readonly vidPids: readonly VidPid[];
  readonly route: (text: string, method: ScanMethod) => void;
  readonly logger: StationLogger;
  readonly wallMs: () => number;
  readonly loadHid?: () => Promise<HidModule>;
}

export interface WiredScanners {
  readonly sources: ScanSources;
  health(): ScannerHealth;
  stop(): Promise<void>;
}

const PROBLEMS = new Set<ScannerEvent['type']>(['open_failed', 'enumerate_failed', 'scan_error']);

/** Starts the scan sources with every event logged and counted. */
export function wireScanners(options: ScannerWiringOptions): WiredScanners {
  const open = new Set<string>();
  let lastProblem: ScannerHealth['lastProblem'] = null;
  const onEvent = (event: ScannerEvent) => {
    if (event.type === 'opened') open.add(event.devicePath);
    if (event.type === 'closed' || event.type === 'open_failed') open.delete(event.devicePath);
    if (PROBLEMS.has(event.type)) {
      lastProblem = { type: event.type, atWallMs: Math.floor(options.wallMs()) };
      options.logger.warn({ event: `scanner.${event.type}`, ...event }, 'scanner problem');
    } else {
      options.logger.info({ event: `scanner.${event.type}`, ...event }, 'scanner');
    }
  };
  const sources = startScanSources({
    demoMode: options.demoMode,
    vidPids: options.vidPids,
    onScan: (scan) => options.route(scan.text, 'hid-pos'),
    onEvent,
    ...(options.loadHid ? { loadHid: options.loadHid } : {}),
  });
  return {
    sources,
    health: () => ({
      connected: open.size,
      kinds: [...open].map((path) => (path.startsWith('demo://') ? 'demo' : 'hid-pos')),
      lastProblem,
    }),
    stop: () => sources.stop(),
  };
}
