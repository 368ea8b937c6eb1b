/**
 * A station data folder for fault scenarios: opened the way the kiosk opens it (openStationLog), so a
 * "crash" (closing the file without the clean-shutdown mark) and a restart run the real start-up
 * checks. It records, across restarts, every acknowledgement the station wrote (a temporary trigger
 * on sync_state calling back into the test) and every answer the hub gave (a tap on fetch), which
 * the monotonic-ack invariant needs.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { ChainedEvent } from '../../electron/core/sync/protocol/event-hash';
import { sha256Hex } from '../../electron/station/crypto/node-hash';
import type { EventLog } from '../../electron/station/db/event-log';
import { seedEvents } from '../../electron/station/db/seed';
import { closeStationLog, openStationLog } from '../../electron/station/db/station-log';
import type { OpenedLog } from '../../electron/station/db/station-log';
import { enrolStation } from '../../electron/station/sync/enrol';
import type { EnrolResult } from '../../electron/station/sync/enrol';
import { readBatch } from '../../electron/station/sync/batch-reader';
import { createHttpTransport } from '../../electron/station/sync/http-transport';
import type { FetchFn, SyncTransport } from '../../electron/station/sync/http-transport';
import { loadOrCreateKeys, updateKeys } from '../../electron/station/keys/key-store';
import { stationSigner } from '../../electron/station/sync/station-crypto';
import { createSyncService } from '../../electron/station/sync/sync-service';
import type { SyncService, SyncServiceOptions } from '../../electron/station/sync/sync-service';
import { FakeClock, tempDir } from '../support/station-db';

export interface AckRecord {
  readonly epoch: number;
  readonly ackedSeq: number;
}

export interface HubAnswerSeen {
  readonly kind: 'cursor' | 'upload';
  readonly status: number;
  readonly body: Record<string, unknown> | null;
}

export interface WrittenEvent extends ChainedEvent {
  readonly epoch: number;
}

/** Fast pacing for tests: real timers, milliseconds instead of seconds. */
export const FAST_ENGINE = { backoff: { baseMs: 20, capMs: 200 }, idlePollMs: 60_000, newEventsDelayMs: 60_000 } as const;

let counter = 0;

/** A station id no other test in this process uses (one hub serves a whole test file). */
export function freshStationId(prefix = '06688'): string {
  counter += 1;
  return `${prefix}-F${process.pid % 10_000}-${counter}`;
}

export class FaultStation {
  readonly dir: string;
  readonly dbPath: string;
  readonly keysPath: string;
  readonly clock: FakeClock;
  readonly acks: AckRecord[] = [];
  readonly answers: HubAnswerSeen[] = [];
  #opened: OpenedLog | null = null;
  readonly #cleanup: () => void;

  constructor(
    readonly stationId: string = freshStationId(),
    clock: FakeClock = new FakeClock(),
  ) {
    const { dir, cleanup } = tempDir('tram-faults-station-');
    this.dir = dir;
    this.#cleanup = cleanup;
    this.dbPath = join(dir, 'station.sqlite');
    this.keysPath = join(dir, 'keys.json');
    this.clock = clock;
    this.open();
  }

  /** A new station, enrolled with the hub at `hubUrl` (direct or through a proxy). */
  static async enrolled(hub: { issueCode(stationId: string): Promise<string> }, hubUrl: string, events = 0, stationId = freshStationId()): Promise<FaultStation> {
    const station = new FaultStation(stationId);
    const code = await hub.issueCode(station.stationId);
    await enrolStation({ dataDir: station.dir, hubUrl, stationId: station.stationId, code, appVersion: '0.1.0-faults', wallMs: station.clock.wallMs, open: { db: station.db, log: station.log } });
    if (events > 0) station.record(events);
    return station;
  }

  /** A technician enrols this station again with a fresh one-time code (e.g. after a revocation or a restore). */
  async reenrol(hub: { issueCode(stationId: string): Promise<string> }, hubUrl: string): Promise<EnrolResult> {
    const code = await hub.issueCode(this.stationId);
    return enrolStation({ dataDir: this.dir, hubUrl, stationId: this.stationId, code, appVersion: '0.1.0-faults', wallMs: this.clock.wallMs, open: { db: this.db, log: this.log } });
  }

  /** The key file now holds a new key pair (a lost or replaced key store). */
  rotateKey(): void {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const raw = publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    updateKeys(this.keysPath, (file) => ({ ...file, stationPrivateKeyPkcs8: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'), stationPublicKeyRaw: raw.toString('base64') }));
  }

  get opened(): OpenedLog {
    if (this.#opened === null) throw new Error('the station is not running');
    return this.#opened;
  }

  get db(): Database {
    return this.opened.db;
  }

  get log(): EventLog {
    return this.opened.log;
  }

  /** Starts the station: the kiosk's opening path, a new boot id, and the ack recorder. */
  open(): OpenedLog {
    // As the kiosk does: the key store tells the log which epochs the city has opened.
    const cityEpoch = loadOrCreateKeys(this.keysPath).enrolment?.epoch;
    const opened = openStationLog({
      dbPath: this.dbPath,
      instanceMarkerPath: join(this.dir, 'instance.json'),
      stationId: this.stationId,
      bootId: randomUUID(),
      clock: this.clock,
      sha256Hex,
      ...(cityEpoch === undefined ? {} : { cityEpoch }),
    });
    opened.db.function('fault_ack_seen', (epoch: unknown, seq: unknown) => {
      this.acks.push({ epoch: Number(epoch), ackedSeq: Number(seq) });
      return null;
    });
    for (const when of ['INSERT', 'UPDATE']) {
      opened.db.exec(`CREATE TEMP TRIGGER fault_ack_${when.toLowerCase()} AFTER ${when} ON main.sync_state BEGIN SELECT fault_ack_seen(NEW.epoch, NEW.acked_seq); END`);
    }
    this.#opened = opened;
    return opened;
  }

  /** The process dies: the file is closed without the clean-shutdown mark, nothing else runs. */
  crash(): void {
    this.#opened?.db.close();
    this.#opened = null;
  }

  /** Crash, then start again (unclean-shutdown checks, chain check of the unacknowledged tail). */
  restart(): OpenedLog {
    this.crash();
    this.clock.advance(30_000);
    return this.open();
  }

  shutdown(): void {
    if (this.#opened !== null) closeStationLog(this.#opened.db);
    this.#opened = null;
  }

  /** Appends at least `count` events through the real write path (seeded, so reproducible). */
  record(count: number, seed = this.log.head().seq + 1): number {
    this.clock.advance(1_000);
    return seedEvents(this.log, count, seed);
  }

  /** Every event the station holds now, all epochs, in order. */
  events(): WrittenEvent[] {
    return this.db
      .prepare<[], WrittenEvent>('SELECT epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash FROM events ORDER BY epoch, seq')
      .all();
  }

  /** Copies the database file aside while the station is shut down (a raw file copy, not the backup API). */
  copyFileTo(path: string): void {
    copyFileSync(this.dbPath, path);
  }

  /** fetch that records each hub answer (status and JSON body) before the station sees it. */
  readonly fetch: FetchFn = async (input, init) => {
    const response = await fetch(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const text = await response.text();
    let body: Record<string, unknown> | null;
    try {
      body = JSON.parse(text) as Record<string, unknown>;
    } catch {
      body = null;
    }
    this.answers.push({ kind: new URL(url).pathname.endsWith('/cursor') ? 'cursor' : 'upload', status: response.status, body });
    return new Response(text, { status: response.status, statusText: response.statusText, headers: response.headers });
  };

  /** The station's sync service on the current database (seeded jitter, fast backoff, tapped fetch). */
  service(extra: Partial<SyncServiceOptions> = {}): SyncService {
    return createSyncService({ db: this.db, keysPath: this.keysPath, appVersion: '0.1.0-faults', clock: this.clock, engine: FAST_ENGINE, random: () => 0.5, fetch: this.fetch, ...extra });
  }

  /** The exact signed batch body the station would send for `fromSeq`.. (at most `count` events). */
  batchJson(fromSeq: number, count: number, epoch = this.log.head().epoch): string {
    return readBatch(this.db, { stationId: this.stationId, epoch, fromSeq, maxCount: count, appVersion: '0.1.0-faults', sha256Hex }).json;
  }

  /** A second, independent signed client for this station (a harness re-sending batches by hand). */
  transport(hubUrl: string): SyncTransport {
    return createHttpTransport({ hubUrl, stationId: this.stationId, sign: stationSigner(loadOrCreateKeys(this.keysPath)), wallMs: this.clock.wallMs, timeoutMs: 10_000 });
  }

  cleanup(): void {
    this.shutdown();
    this.#cleanup();
  }
}
