/**
 * The lifecycle every fault-test file shares: one fault hub per file (initdb takes seconds), started
 * before its tests and closed after them, and the stations a test made cleaned up after it, with
 * the file's own fault switches reset first. Call inside `describe`; read `hub` inside tests.
 */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { startFaultHub } from './fault-hub';
import type { FaultHub } from './fault-hub';
import { FaultStation } from './fault-station';

export interface FaultSuite {
  readonly hub: FaultHub;
  /** Cleans `station` up after the current test. */
  track<T extends FaultStation>(station: T): T;
  /** A station enrolled with the hub, holding `events` events, syncing to `hubUrl` (the hub itself by default). */
  enrolled(events: number, options?: { hubUrl?: string; stationId?: string }): Promise<FaultStation>;
}

export function faultHubForFile(options: { random?: () => number; resetAfterEach?: (hub: FaultHub) => void } = {}): FaultSuite {
  let started: FaultHub | undefined;
  const stations: FaultStation[] = [];
  const hub = (): FaultHub => {
    if (started === undefined) throw new Error('the fault hub starts in beforeAll');
    return started;
  };
  beforeAll(async () => {
    started = await startFaultHub(options.random === undefined ? {} : { random: options.random });
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  });
  afterEach(() => {
    if (started !== undefined) options.resetAfterEach?.(started);
    for (const station of stations.splice(0)) station.cleanup();
  });
  const track = <T extends FaultStation>(station: T): T => {
    stations.push(station);
    return station;
  };
  return {
    get hub() {
      return hub();
    },
    track,
    enrolled: async (events, where = {}) => track(await FaultStation.enrolled(hub(), where.hubUrl ?? hub().url, events, where.stationId)),
  };
}
