/**
 * `tram enrol`, `tram sync --once` and `tram export` for technicians, on a station data folder:
 * DIR/station.sqlite, DIR/keys.json, DIR/instance.json, DIR/station-config.json (optional).
 * Each prints one JSON line. Exit codes: 0 done; 1 not done but nothing wrong with the station
 * (offline, nothing to export); 2 needs a person (usage, refused code, 401/403/fork/epoch).
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { StopCode } from '../../core/sync/engine/engine-types';
import { openDatabase } from '../db/open-database';
import { loadOrCreateKeys } from '../keys/key-store';
import { enrolStation } from '../sync/enrol';
import { exportBundles } from '../sync/export';
import { createSyncService } from '../sync/sync-service';
import { SyncError } from '../sync/sync-errors';
import { processIo } from './cli-io';
import type { CliIo } from './cli-io';
import { errorCode } from '../typed-errors';

export type SyncCliIo = Pick<CliIo, 'stdout' | 'stderr'>;

function printJson(io: SyncCliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}

/** Stop reasons a person must act on: the CLI exits 2 for them. */
const NEEDS_A_PERSON: ReadonlySet<StopCode> = new Set(['unauthorized', 'forbidden', 'fork', 'epoch', 'bad_request', 'city_ahead', 'bad_receipt', 'local_log', 'event_too_large']);

function appVersion(): string {
  try {
    const path = new URL('../../../package.json', import.meta.url);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

function parse(args: string[], options: Record<string, { type: 'string' | 'boolean' }>, io: SyncCliIo, usage: string): Record<string, string | boolean | undefined> | null {
  try {
    return parseArgs({ args, options, strict: true }).values as Record<string, string | boolean | undefined>;
  } catch (error) {
    io.stderr(`${(error as Error).message}\n${usage}\n`);
    return null;
  }
}

function failure(io: SyncCliIo, error: unknown): number {
  if (error instanceof SyncError) {
    printJson(io, { ok: false, error: error.code, detail: error.message });
    return error.code === 'hub_unreachable' || error.code === 'nothing_to_export' ? 1 : 2;
  }
  const code = errorCode(error, 'internal');
  printJson(io, { ok: false, error: code, detail: (error as Error).message });
  return 2;
}

const ENROL_USAGE = 'usage: tram enrol --data DIR --hub URL --station ID --code CODE [--accept-new-city-key]';

/** `tram enrol --data DIR --hub URL --station ID --code CODE`. */
export async function runEnrolCli(args: string[], io: SyncCliIo = processIo()): Promise<number> {
  const values = parse(args, { data: { type: 'string' }, hub: { type: 'string' }, station: { type: 'string' }, code: { type: 'string' }, 'accept-new-city-key': { type: 'boolean' } }, io, ENROL_USAGE);
  if (values === null) return 2;
  const { data, hub, station, code } = values;
  if (typeof data !== 'string' || typeof hub !== 'string' || typeof station !== 'string' || typeof code !== 'string') {
    io.stderr(`${ENROL_USAGE}\n`);
    return 2;
  }
  try {
    const dataDir = resolve(data);
    mkdirSync(dataDir, { recursive: true });
    const result = await enrolStation({ dataDir, hubUrl: hub, stationId: station, code, appVersion: appVersion(), acceptNewCityKey: values['accept-new-city-key'] === true });
    for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
    printJson(io, { ok: true, station_id: result.stationId, epoch: result.epoch, local_epoch: result.localEpoch, warnings: result.warnings });
    return 0;
  } catch (error) {
    return failure(io, error);
  }
}

const SYNC_USAGE = 'usage: tram sync --data DIR --once [--max-failures N] [--timeout-ms MS]';

/** `tram sync --data DIR --once`: the real engine until acknowledged, stopped, or out of retries. */
export async function runSyncCli(args: string[], io: SyncCliIo = processIo()): Promise<number> {
  const values = parse(args, { data: { type: 'string' }, once: { type: 'boolean' }, 'max-failures': { type: 'string' }, 'timeout-ms': { type: 'string' } }, io, SYNC_USAGE);
  if (values === null) return 2;
  const maxFailures = Number(values['max-failures'] ?? '3');
  const timeoutMs = Number(values['timeout-ms'] ?? '60000');
  if (typeof values.data !== 'string' || values.once !== true || !Number.isInteger(maxFailures) || maxFailures < 1 || !Number.isInteger(timeoutMs) || timeoutMs < 100) {
    io.stderr(`${SYNC_USAGE}\n`);
    return 2;
  }
  const dataDir = resolve(values.data);
  const dbPath = join(dataDir, 'station.sqlite');
  const keysPath = join(dataDir, 'keys.json');
  if (!existsSync(dbPath) || !existsSync(keysPath)) return failure(io, new SyncError('not_enrolled', `${dataDir} has no station.sqlite or keys.json`));
  let db;
  try {
    db = openDatabase(dbPath);
  } catch (error) {
    return failure(io, error);
  }
  try {
    const service = createSyncService({
      db,
      keysPath,
      appVersion: appVersion(),
      clock: { wallMs: () => Date.now() },
      requestTimeoutMs: timeoutMs,
      onAlert: (reason) => io.stderr(`alert: ${JSON.stringify(reason)}\n`),
    });
    const result = await service.runOnce({ maxFailures });
    if (result.detail !== null) io.stderr(`${result.detail}\n`);
    printJson(io, { ok: result.ok, acked_seq: result.ackedSeq, head_hash: result.headHash, requests: result.requests, state: result.state });
    if (result.ok) return 0;
    return result.stopReason !== null && NEEDS_A_PERSON.has(result.stopReason.code) ? 2 : 1;
  } catch (error) {
    return failure(io, error);
  } finally {
    db.close();
  }
}

const EXPORT_USAGE = 'usage: tram export --data DIR --to DIR';

/** `tram export --data DIR --to DIR`: a signed bundle of the unacknowledged events for a USB stick. */
export async function runExportCli(args: string[], io: SyncCliIo = processIo()): Promise<number> {
  const values = parse(args, { data: { type: 'string' }, to: { type: 'string' } }, io, EXPORT_USAGE);
  if (values === null) return 2;
  if (typeof values.data !== 'string' || typeof values.to !== 'string') {
    io.stderr(`${EXPORT_USAGE}\n`);
    return 2;
  }
  const dataDir = resolve(values.data);
  const dbPath = join(dataDir, 'station.sqlite');
  const keysPath = join(dataDir, 'keys.json');
  if (!existsSync(dbPath) || !existsSync(keysPath)) return failure(io, new SyncError('not_enrolled', `${dataDir} has no station.sqlite or keys.json`));
  try {
    const toDir = resolve(values.to);
    mkdirSync(toDir, { recursive: true });
    const db = openDatabase(dbPath);
    try {
      const bundles = exportBundles({ db, keys: loadOrCreateKeys(keysPath), toDir });
      printJson(io, {
        ok: true,
        events: bundles.reduce((sum, bundle) => sum + bundle.events, 0),
        bundles: bundles.map((bundle) => ({ path: bundle.path, station_id: bundle.stationId, epoch: bundle.epoch, first_seq: bundle.firstSeq, last_seq: bundle.lastSeq, events: bundle.events })),
      });
      return 0;
    } finally {
      db.close();
    }
  } catch (error) {
    return failure(io, error);
  }
}
