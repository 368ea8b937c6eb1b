/**
 * Child process for the station-crash scenarios: opens a station data folder the way the kiosk does
 * and runs one sync with the real transport (hub URL and keys from DIR/keys.json), printing "ready"
 * first and the result as JSON last. The parent kills it with SIGKILL at the moment it chooses.
 * Usage: tsx tests/faults/sync-child.ts DIR STATION_ID
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { sha256Hex } from '../../electron/station/crypto/node-hash';
import { closeStationLog, openStationLog } from '../../electron/station/db/station-log';
import { createSyncService } from '../../electron/station/sync/sync-service';

const [dir, stationId] = process.argv.slice(2);
if (dir === undefined || stationId === undefined) throw new Error('usage: sync-child DIR STATION_ID');
const clock = { wallMs: () => Date.now(), monoMs: () => performance.now() };
const { db } = openStationLog({ dbPath: join(dir, 'station.sqlite'), instanceMarkerPath: join(dir, 'instance.json'), stationId, bootId: randomUUID(), clock, sha256Hex });
process.stdout.write('ready\n');
const sync = createSyncService({ db, keysPath: join(dir, 'keys.json'), appVersion: '0.1.0-faults', clock, engine: { backoff: { baseMs: 20, capMs: 200 } } });
const result = await sync.runOnce({ maxFailures: 2 });
process.stdout.write(`${JSON.stringify(result)}\n`);
closeStationLog(db);
