/**
 * Enrolment (docs/PROTOCOL.md §2): POST /v1/enrol with a one-time code, then pin the city's public key and
 * learner key in the key store. On a re-enrolment the city opens epoch + 1 whose chain starts at the
 * head it acknowledged for the previous epoch (§4); the local log must start the same epoch from the
 * same hash, or the first upload would be a fork. So after the answer the station reads the new
 * epoch's cursor (its `head_hash` is that start hash, signed in the receipt), records the previous
 * epoch as acknowledged up to the local event carrying that hash, and starts its local epochs up to
 * the city's. Anything that cannot be aligned is returned as a warning for the technician.
 *
 * docs/PROTOCOL.md §9: the request declares this station's local epochs with their start hashes.
 * After a restore the newest of them is one the city has never seen; the city adopts it as the
 * current epoch, so no extra local epoch is opened and the first upload is not a fork. The older
 * epochs stay deliverable: their unacknowledged tails are uploaded (or exported) before the current
 * epoch. Enrolling twice with nothing new in between opens nothing new locally either.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { STATION_ID_PATTERN } from '../../core/sync/protocol/limits';
import { MAX_DECLARED_EPOCHS } from '../../core/sync/protocol/wire-schemas';
import type { DeclaredEpoch } from '../../core/sync/protocol/wire-schemas';
import { receiptText } from '../../core/sync/protocol/signed-messages';
import { checkConfig } from '../config/load-config';
import { sha256Hex } from '../crypto/node-hash';
import { EventLog } from '../db/event-log';
import { openDatabase } from '../db/open-database';
import { closeStationLog, openStationLog } from '../db/station-log';
import { readAcknowledgement, recordAcknowledgement } from '../store/sync-state';
import { pinContentKeyFromEnrolment } from '../fleet/content-key-store';
import { loadOrCreateKeys, saveEnrolment } from '../keys/key-store';
import { readLocalHead } from './batch-reader';
import { createHttpTransport, postEnrolment } from './http-transport';
import type { FetchFn } from './http-transport';
import { stationSigner, verifySignature } from './station-crypto';
import { SyncError } from './sync-errors';

export interface EnrolOptions {
  readonly dataDir: string;
  readonly hubUrl: string;
  readonly stationId: string;
  readonly code: string;
  readonly appVersion: string;
  readonly wallMs?: () => number;
  readonly fetch?: FetchFn;
  readonly timeoutMs?: number;
  /**
   * Pin a city key different from the one pinned at the last enrolment. Only a technician resetting
   * the station does that (`tram enrol --accept-new-city-key`): a new key is otherwise a hub
   * reinstalled with lost keys, or someone else's hub, and the learner key that comes with it would
   * count the same people again under other keys.
   */
  readonly acceptNewCityKey?: boolean;
  /** The running kiosk's own handles; otherwise DIR/station.sqlite is opened for the alignment. */
  readonly open?: { readonly db: Database; readonly log: EventLog };
}

export interface EnrolResult {
  readonly stationId: string;
  readonly epoch: number;
  readonly localEpoch: number;
  /** The city's start hash of the new epoch, when its cursor could be read. */
  readonly startHash: string | null;
  readonly warnings: readonly string[];
}

/** docs/PROTOCOL.md conventions: HTTPS, "plain HTTP only on loopback". */
export function checkHubUrl(hubUrl: string): URL {
  let url: URL;
  try {
    url = new URL(hubUrl);
  } catch {
    throw new SyncError('bad_argument', `hub URL ${hubUrl.slice(0, 100)} is not a URL`);
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new SyncError('bad_argument', `hub URL must be https:// (plain http only on loopback): ${url.origin}`);
  }
  return url;
}

function configuredStationId(dataDir: string): string | null {
  const path = join(dataDir, 'station-config.json');
  if (!existsSync(path)) return null;
  try {
    const loaded = checkConfig(JSON.parse(readFileSync(path, 'utf8')));
    return loaded.ok ? loaded.config.station.id : null;
  } catch {
    return null;
  }
}

/** Enrols this data folder's station with the hub and aligns the local log with the city's epoch. */
export async function enrolStation(options: EnrolOptions): Promise<EnrolResult> {
  const wallMs = options.wallMs ?? Date.now;
  if (!STATION_ID_PATTERN.test(options.stationId)) throw new SyncError('bad_argument', `station id ${options.stationId.slice(0, 50)} must match ^[A-Z0-9][A-Z0-9-]{2,39}$`);
  const hubUrl = checkHubUrl(options.hubUrl).toString().replace(/\/+$/, '');
  const configured = configuredStationId(options.dataDir);
  if (configured !== null && configured !== options.stationId) {
    throw new SyncError('station_mismatch', `station-config.json names station ${configured}; enrol that id or fix the config first`);
  }
  const keysPath = join(options.dataDir, 'keys.json');
  const keys = loadOrCreateKeys(keysPath);
  const net = { hubUrl, wallMs, ...(options.fetch ? { fetch: options.fetch } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };

  const epochs = withLog(options, options.stationId, wallMs, (db) => declaredEpochs(db, options.stationId));
  const { result } = await postEnrolment(net, { station_id: options.stationId, public_key: keys.stationPublicKeyRaw, enrolment_code: options.code, app_version: options.appVersion, epochs });
  if (!result.ok) {
    const failure = result.failure;
    if (failure.type === 'epoch_conflict') {
      throw new SyncError('epoch_conflict', `the city holds another history under epoch ${failure.epoch} of ${options.stationId} (a copied station?): a technician must reset this station or use another station id`);
    }
    if (failure.type === 'forbidden') throw new SyncError('enrolment_refused', 'the hub refused the enrolment code (wrong, used or expired: ask the city for a new one)');
    if (failure.type === 'network_error' || failure.type === 'timeout' || failure.type === 'server_error' || failure.type === 'retry_later') {
      throw new SyncError('hub_unreachable', `cannot enrol now (${failure.type}${'detail' in failure ? `: ${failure.detail}` : ''}); try again`);
    }
    throw new SyncError('hub_bad_answer', `the hub answered the enrolment unexpectedly: ${JSON.stringify(failure)}`);
  }
  const answer = result.value;
  if (answer.station_id !== options.stationId) throw new SyncError('hub_bad_answer', `the hub enrolled ${answer.station_id}, not ${options.stationId}`);
  const warnings: string[] = [];
  const previous = keys.enrolment;
  if (previous !== null && previous.cityPublicKeyRaw !== answer.city_public_key) {
    if (options.acceptNewCityKey !== true) {
      throw new SyncError('city_key_changed', 'the hub answered with a different city key than the one pinned at the last enrolment; nothing was changed on this station. A technician who knows the hub was reinstalled resets it with tram enrol --accept-new-city-key');
    }
    warnings.push('the city public key changed since the last enrolment; the new key is now pinned (technician reset)');
  }
  saveEnrolment(keysPath, { stationId: answer.station_id, hubUrl, cityPublicKeyRaw: answer.city_public_key, cityLearnerKey: answer.learner_key, epoch: answer.epoch, enrolledWallMs: Math.floor(wallMs()) });
  // docs/PROTOCOL.md §11.1: a 1.3 hub names its content key here; from a 1.1 hub it comes later, endorsed.
  if (answer.content_public_key !== undefined) pinContentKeyFromEnrolment(options.dataDir, answer.content_public_key, Math.floor(wallMs()));

  // The new epoch's start hash, signed by the city in the cursor receipt.
  const transport = createHttpTransport({ ...net, stationId: answer.station_id, sign: stationSigner(keys) });
  const cursor = (await transport.fetchCursor()).result;
  let startHash: string | null = null;
  if (!cursor.ok) warnings.push(`could not read the new cursor (${cursor.failure.type}); the local epoch was aligned from the local acknowledgement only`);
  else if (!verifySignature(answer.city_public_key, receiptText(answer.station_id, cursor.value.epoch, cursor.value.acked_seq, cursor.value.head_hash, cursor.value.server_time_ms), cursor.value.receipt)) {
    warnings.push('the cursor receipt does not verify with the city key; not used');
  } else if (cursor.value.epoch === answer.epoch && cursor.value.acked_seq === 0) startHash = cursor.value.head_hash;

  const alignment = withLog(options, answer.station_id, wallMs, (db, log) => alignEpoch(db, log, answer.epoch, startHash, wallMs));
  return { stationId: answer.station_id, epoch: answer.epoch, localEpoch: alignment.localEpoch, startHash, warnings: [...warnings, ...alignment.warnings] };
}

function withLog<T>(options: EnrolOptions, stationId: string, wallMs: () => number, run: (db: Database, log: EventLog) => T): T {
  if (options.open) return run(options.open.db, options.open.log);
  const dbPath = join(options.dataDir, 'station.sqlite');
  const clock = { wallMs, monoMs: () => performance.now() };
  if (!existsSync(dbPath)) {
    // A first start: let the normal opening path write the instance marker and meta rows.
    const opened = openStationLog({ dbPath, instanceMarkerPath: join(options.dataDir, 'instance.json'), stationId, bootId: randomUUID(), clock, sha256Hex });
    try {
      return run(opened.db, opened.log);
    } finally {
      closeStationLog(opened.db);
    }
  }
  const db = openDatabase(dbPath);
  try {
    return run(db, new EventLog(db, { stationId, bootId: randomUUID(), clock, newEventId: randomUUID, sha256Hex }));
  } finally {
    db.close();
  }
}

/** The local epochs of this station id, oldest first (at most the newest MAX_DECLARED_EPOCHS). */
export function declaredEpochs(db: Database, stationId: string): DeclaredEpoch[] {
  const rows = db
    .prepare<[string, number], { epoch: number; start_hash: string }>('SELECT epoch, start_hash FROM epochs WHERE station_id = ? ORDER BY epoch DESC LIMIT ?')
    .all(stationId, MAX_DECLARED_EPOCHS);
  return rows.reverse().map((row) => ({ epoch: row.epoch, start_hash: row.start_hash }));
}

/** Starts local epochs up to the city's, each from the hash the city acknowledged before it. */
export function alignEpoch(db: Database, log: EventLog, cityEpoch: number, startHash: string | null, wallMs: () => number): { localEpoch: number; warnings: string[] } {
  const warnings: string[] = [];
  let head = readLocalHead(db);
  if (head === null) throw new SyncError('events_missing', 'the local log has no epoch');
  if (head.epoch > cityEpoch) {
    warnings.push(`the local log is in epoch ${head.epoch} but the city opened epoch ${cityEpoch}; uploads will stop with an epoch alert until the epochs agree (enrol again)`);
    return { localEpoch: head.epoch, warnings };
  }
  while (head.epoch < cityEpoch) {
    const acked = readAcknowledgement(db, head.epoch)?.ackedSeq ?? 0;
    if (head.epoch === cityEpoch - 1 && startHash !== null) {
      // The city holds the previous epoch exactly up to the local event whose hash is its start hash.
      const k = db.prepare<[number, string], { seq: number }>('SELECT seq FROM events WHERE epoch = ? AND hash = ?').get(head.epoch, startHash)?.seq;
      if (k !== undefined && k > acked) recordAcknowledgement(db, { epoch: head.epoch, ackedSeq: k, ackedHash: startHash, receipt: null, serverTimeMs: null }, wallMs());
    }
    const waiting = head.seq - (readAcknowledgement(db, head.epoch)?.ackedSeq ?? 0);
    if (waiting > 0) warnings.push(`${waiting} events of epoch ${head.epoch} are not acknowledged yet; they will be delivered to that closed epoch first`);
    const last = head.epoch === cityEpoch - 1;
    log.startEpoch(`re-enrolment to epoch ${cityEpoch}`, last && startHash !== null ? { startHash } : {});
    head = readLocalHead(db);
    if (head === null) throw new SyncError('events_missing', 'the local log lost its epoch');
  }
  const start = db.prepare<[number], { start_hash: string }>('SELECT start_hash FROM epochs WHERE epoch = ?').get(head.epoch)?.start_hash;
  if (startHash !== null && start !== startHash) {
    warnings.push(`local epoch ${head.epoch} starts at ${start?.slice(0, 12) ?? '?'}… but the city's at ${startHash.slice(0, 12)}…; the first upload will be refused as a fork`);
  }
  return { localEpoch: head.epoch, warnings };
}
