/**
 * Sneakernet (docs/PROTOCOL.md §7): `tram export` writes the unacknowledged events of every epoch of this
 * station — the current one and, per docs/PROTOCOL.md §9, closed ones whose tail the city has not
 * confirmed — one file per epoch, `<station_id>-<epoch>-<first>-<last>.tram`: a gzip JSON bundle
 * signed with the station key over "tram-hoc-so/bundle/v1\n" + hex SHA-256 of its canonical JSON
 * without `sig`. The hub imports it with exactly the upload checks, so a bundle that overlaps what the
 * city has is just duplicates. Files are written with writeFileAtomic (flushed, renamed, never
 * through a link planted on the stick), so a pulled USB stick never holds half a bundle.
 */
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Database } from 'better-sqlite3';
import { bundleFileName, bundleSignedText } from '../../core/sync/protocol/bundle-text';
import type { JsonValue } from '../../core/sync/protocol/canonical-json';
import { sha256Hex } from '../crypto/node-hash';
import { writeFileAtomic } from '../fs/atomic-file';
import type { KeyFile } from '../keys/key-store';
import { checkSegment, readEventRange } from './batch-reader';
import { readLocalFacts } from './local-facts';
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

/**
 * Writes one bundle per epoch with unacknowledged events, oldest epoch first, and returns them.
 * Throws SyncError `nothing_to_export` when the city holds everything.
 */
export function exportBundles(options: ExportOptions): ExportResult[] {
  const enrolment = options.keys.enrolment;
  if (enrolment === null) throw new SyncError('not_enrolled', 'this station is not enrolled; the city cannot import its bundle');
  const facts = readLocalFacts(options.db, enrolment.stationId);
  if (facts === null) throw new SyncError('nothing_to_export', 'the local log has no epoch');
  const ranges = [
    ...(facts.closed ?? []).map((epoch) => ({ epoch: epoch.epoch, head: epoch.seq, acked: epoch.acked?.seq ?? 0 })),
    { epoch: facts.local.epoch, head: facts.local.seq, acked: facts.acked?.seq ?? 0 },
  ].filter((range) => range.head > range.acked); // closed epochs listed only to be checked are not exported
  if (ranges.length === 0) {
    throw new SyncError('nothing_to_export', `the city already acknowledged every event of epoch ${facts.local.epoch} (up to ${facts.acked?.seq ?? 0})`);
  }
  return ranges.map((range) => writeBundle(options, enrolment.stationId, range.epoch, range.acked + 1, range.head));
}

function writeBundle(options: ExportOptions, stationId: string, epoch: number, firstSeq: number, lastSeq: number): ExportResult {
  const events = readEventRange(options.db, epoch, firstSeq, lastSeq - firstSeq + 1);
  checkSegment(options.db, { stationId, epoch, fromSeq: firstSeq, sha256Hex }, events);
  const first = events[0];
  const last = events.at(-1);
  if (first === undefined || last === undefined) throw new SyncError('events_missing', `events ${epoch}:${firstSeq}..${lastSeq} are not in the local log`);
  const unsigned = {
    station_id: stationId,
    epoch,
    first_seq: first.seq,
    last_seq: last.seq,
    prev_hash: first.prev_hash,
    events: events.map((event) => ({ ...event })),
  } satisfies { [key: string]: JsonValue };
  const sig = stationSigner(options.keys)(bundleSignedText(sha256Hex, unsigned));
  const path = join(options.toDir, bundleFileName(stationId, epoch, first.seq, last.seq));
  writeFileAtomic(path, gzipSync(Buffer.from(JSON.stringify({ ...unsigned, sig }), 'utf8')));
  return { path, stationId, epoch, firstSeq: first.seq, lastSeq: last.seq, events: events.length };
}
