/**
 * Sneakernet (PROTOCOL.md §7): `tram export` writes the unacknowledged events of the current epoch to
 * `<station_id>-<epoch>-<first>-<last>.tram`, a gzip JSON bundle signed with the station key over
 * "tram-hoc-so/bundle/v1\n" + hex SHA-256 of its canonical JSON without `sig`. The hub imports it
 * with exactly the upload checks, so a bundle that overlaps what the city has is just duplicates.
 * The file is written to a temporary name and renamed, so a pulled USB stick never holds half a bundle.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import { bundleFileName, bundleSignedText } from '../../core/sync/protocol/bundle-text';
import type { JsonValue } from '../../core/sync/protocol/canonical-json';
import { sha256Hex } from '../crypto/node-hash';
import { readAcknowledgement } from '../db/sync-state';
import type { KeyFile } from '../keys/key-store';
import { checkSegment, readEventRange, readLocalHead } from './batch-reader';
import { stationSigner } from './station-crypto';
import { SyncError } from './sync-errors';

export interface ExportOptions {
  readonly db: Database;
  readonly keys: KeyFile;
  readonly toDir: string;
}

export interface ExportResult {
  readonly path: string;
  readonly stationId: string;
  readonly epoch: number;
  readonly firstSeq: number;
  readonly lastSeq: number;
  readonly events: number;
}

/** Writes the bundle of every unacknowledged event of the current epoch and returns where. */
export function exportBundle(options: ExportOptions): ExportResult {
  const enrolment = options.keys.enrolment;
  if (enrolment === null) throw new SyncError('not_enrolled', 'this station is not enrolled; the city cannot import its bundle');
  const head = readLocalHead(options.db);
  if (head === null) throw new SyncError('nothing_to_export', 'the local log has no epoch');
  const acked = readAcknowledgement(options.db, head.epoch)?.ackedSeq ?? 0;
  if (head.seq <= acked) throw new SyncError('nothing_to_export', `the city already acknowledged every event of epoch ${head.epoch} (up to ${acked})`);
  const firstSeq = acked + 1;
  const events = readEventRange(options.db, head.epoch, firstSeq, head.seq - acked);
  checkSegment(options.db, { stationId: enrolment.stationId, epoch: head.epoch, fromSeq: firstSeq, sha256Hex }, events);
  const first = events[0];
  const last = events.at(-1);
  if (first === undefined || last === undefined) throw new SyncError('events_missing', `events ${firstSeq}..${head.seq} are not in the local log`);

  const unsigned = {
    station_id: enrolment.stationId,
    epoch: head.epoch,
    first_seq: first.seq,
    last_seq: last.seq,
    prev_hash: first.prev_hash,
    events: events.map((event) => ({ ...event })),
  } satisfies { [key: string]: JsonValue };
  const sig = stationSigner(options.keys)(bundleSignedText(sha256Hex, unsigned));
  const name = bundleFileName(enrolment.stationId, head.epoch, first.seq, last.seq);
  const path = join(options.toDir, name);
  const temp = `${path}.partial`;
  writeFileSync(temp, gzipSync(Buffer.from(JSON.stringify({ ...unsigned, sig }), 'utf8')));
  renameSync(temp, path);
  return { path, stationId: enrolment.stationId, epoch: head.epoch, firstSeq: first.seq, lastSeq: last.seq, events: events.length };
}
