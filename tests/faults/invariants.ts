/**
 * The global invariants of reference/sync.md §5, checked Jepsen-style after every scenario by
 * comparing what the station wrote with what the hub stored:
 * - no loss: every station event up to the station's acknowledged seq is at the hub, same hash;
 * - no duplication: one hub row per (station, epoch, seq) — the primary key — and per event_id;
 * - no phantom: every hub row is an event the station wrote (in this life or an earlier one);
 * - convergence (after heal and drain): hub head == station head == station acked_seq, same sets;
 * - eventual delivery, exactly once (after heal and drain): every event the station holds, in every
 *   epoch (closed ones included, docs/PROTOCOL.md §9), is at the hub once with the same hash;
 * - monotonic: the station's acked_seq never went down unless a hub cursor said so;
 * - the hub's stored chain verifies end to end (verifyChainSegment from each epoch's start hash) and
 *   ends at its recorded head; the station's own log verifies too.
 */
import type { Database } from 'better-sqlite3';
import type { SqlExecutor } from '../../city/db/hub-database';
import { verifyChainSegment } from '../../electron/core/sync/protocol/event-hash';
import type { ChainedEvent } from '../../electron/core/sync/protocol/event-hash';
import { sha256Hex } from '../../electron/station/crypto/node-hash';
import { readAcknowledgement } from '../../electron/station/store/sync-state';
import { verifyLog } from '../../electron/station/db/verify-log';
import { readLocalHead } from '../../electron/station/sync/batch-reader';
import type { AckRecord, HubAnswerSeen, WrittenEvent } from './fault-station';

export interface InvariantInput {
  readonly hub: SqlExecutor;
  readonly stationId: string;
  /** The station's database as it is now. */
  readonly db: Database;
  /** Events the station wrote in an earlier life (before its database was restored from a backup). */
  readonly earlierLives?: readonly WrittenEvent[];
  /** Every acknowledgement the station recorded, in order, and every hub answer it saw. */
  readonly acks?: readonly AckRecord[];
  readonly answers?: readonly HubAnswerSeen[];
  /** After heal and drain: demand convergence (default true). */
  readonly converged?: boolean;
  /** The hub restored a backup the station has not heard of yet: its acked may exceed the hub's. */
  readonly hubRolledBack?: boolean;
}

interface HubEvent extends ChainedEvent {
  readonly epoch: number;
}

const key = (epoch: number, seq: number): string => `${epoch}:${seq}`;

function stationEvents(db: Database): WrittenEvent[] {
  return db
    .prepare<[], WrittenEvent>('SELECT epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash FROM events ORDER BY epoch, seq')
    .all();
}

/** Every acked_seq decrease must land on a value a hub cursor actually answered (a restore). */
export function monotonicViolations(acks: readonly AckRecord[], answers: readonly HubAnswerSeen[]): string[] {
  const told = new Set(answers.filter((answer) => answer.kind === 'cursor' && answer.status === 200).map((answer) => key(Number(answer.body?.epoch), Number(answer.body?.acked_seq))));
  const last = new Map<number, number>();
  const problems: string[] = [];
  for (const ack of acks) {
    const before = last.get(ack.epoch);
    if (before !== undefined && ack.ackedSeq < before && !told.has(key(ack.epoch, ack.ackedSeq))) {
      problems.push(`monotonic: acked_seq of epoch ${ack.epoch} went ${before} → ${ack.ackedSeq} without a hub cursor saying so`);
    }
    last.set(ack.epoch, ack.ackedSeq);
  }
  return problems;
}

/** Lists every violated invariant (empty when all hold). */
export async function invariantViolations(input: InvariantInput): Promise<string[]> {
  const problems: string[] = [];
  const local = stationEvents(input.db);
  const written = new Map<string, WrittenEvent[]>();
  for (const event of [...(input.earlierLives ?? []), ...local]) {
    const list = written.get(key(event.epoch, event.seq)) ?? [];
    list.push(event);
    written.set(key(event.epoch, event.seq), list);
  }
  const hubRows = await input.hub.query<HubEvent>(
    'SELECT epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash FROM events WHERE station_id = $1 ORDER BY epoch, seq',
    [input.stationId],
  );
  const epochs = await input.hub.query<{ epoch: number; start_hash: string; acked_seq: number; head_hash: string }>(
    'SELECT epoch, start_hash, acked_seq, head_hash FROM station_epochs WHERE station_id = $1 ORDER BY epoch',
    [input.stationId],
  );
  const hubByKey = new Map<string, HubEvent>(hubRows.map((row) => [key(row.epoch, row.seq), row]));

  // No duplication: the primary key makes a second row impossible; the counts prove it was not bypassed.
  const [counts] = await input.hub.query<{ n: number; keys: number; ids: number }>(
    'SELECT count(*)::int AS n, count(DISTINCT (epoch, seq))::int AS keys, count(DISTINCT event_id)::int AS ids FROM events WHERE station_id = $1',
    [input.stationId],
  );
  if (counts === undefined || counts.n !== counts.keys || counts.n !== counts.ids) problems.push(`duplication: ${JSON.stringify(counts)} rows/keys/event_ids differ`);

  // No phantom: each hub row is, byte for byte, an event this station wrote.
  for (const row of hubRows) {
    const candidates = written.get(key(row.epoch, row.seq)) ?? [];
    if (!candidates.some((event) => event.hash === row.hash && event.event_id === row.event_id && event.payload === row.payload)) {
      problems.push(`phantom: hub row ${key(row.epoch, row.seq)} (${row.hash.slice(0, 12)}…) was never written by the station`);
    }
  }

  // No loss: everything the station believes acknowledged is at the hub with the same hash.
  if (!(input.hubRolledBack ?? false)) {
    for (const event of local) {
      const acked = readAcknowledgement(input.db, event.epoch)?.ackedSeq ?? 0;
      if (event.seq > acked) continue;
      const row = hubByKey.get(key(event.epoch, event.seq));
      if (row === undefined) problems.push(`loss: acknowledged event ${key(event.epoch, event.seq)} is not at the hub`);
      else if (row.hash !== event.hash) problems.push(`loss: hub holds another hash for acknowledged ${key(event.epoch, event.seq)}`);
    }
  }

  // The hub's chain verifies from each epoch's start and ends at its recorded head, with no holes.
  for (const epoch of epochs) {
    const rows = hubRows.filter((row) => row.epoch === epoch.epoch);
    const check = verifyChainSegment(sha256Hex, input.stationId, epoch.epoch, 0, epoch.start_hash, rows);
    if (check.problem !== null) problems.push(`chain: hub epoch ${epoch.epoch} fails at ${check.problem.seq} (${check.problem.code})`);
    else if (check.headSeq !== epoch.acked_seq || check.headHash !== epoch.head_hash) {
      problems.push(`chain: hub epoch ${epoch.epoch} rows end at ${check.headSeq} but its head says ${epoch.acked_seq}`);
    }
  }
  const localCheck = verifyLog(input.db, { sha256Hex });
  if (!localCheck.ok) problems.push(`chain: station log fails verification: ${localCheck.problems.map((p) => p.message).join('; ')}`);

  problems.push(...monotonicViolations(input.acks ?? [], input.answers ?? []));

  if (input.converged ?? true) {
    const head = readLocalHead(input.db);
    const hubEpoch = epochs.find((epoch) => epoch.epoch === head?.epoch);
    const acked = head === null ? null : readAcknowledgement(input.db, head.epoch);
    if (head === null || hubEpoch === undefined) problems.push(`convergence: the hub has no epoch ${head?.epoch ?? '?'} for this station`);
    else {
      if (hubEpoch.acked_seq !== head.seq || hubEpoch.head_hash !== head.hash) problems.push(`convergence: hub head ${hubEpoch.acked_seq} ≠ station head ${head.seq}`);
      if (acked?.ackedSeq !== head.seq || acked.ackedHash !== head.hash) problems.push(`convergence: station acked_seq ${acked?.ackedSeq ?? 'none'} ≠ its head ${head.seq}`);
      const mine = local.filter((event) => event.epoch === head.epoch);
      const theirs = hubRows.filter((row) => row.epoch === head.epoch);
      if (mine.length !== theirs.length || mine.some((event) => hubByKey.get(key(event.epoch, event.seq))?.hash !== event.hash)) {
        problems.push(`convergence: epoch ${head.epoch} station set (${mine.length}) ≠ hub set (${theirs.length})`);
      }
    }
    const undelivered = local.filter((event) => hubByKey.get(key(event.epoch, event.seq))?.hash !== event.hash);
    if (undelivered.length > 0) {
      const first = undelivered[0] as WrittenEvent;
      problems.push(`delivery: ${undelivered.length} station events never reached the hub (first ${key(first.epoch, first.seq)})`);
    }
  }
  return problems;
}

/** Throws with the full list when any invariant is violated. */
export async function expectInvariants(input: InvariantInput): Promise<void> {
  const problems = await invariantViolations(input);
  if (problems.length > 0) throw new Error(`invariants violated:\n- ${problems.slice(0, 20).join('\n- ')}`);
}

/** The invariant inputs a FaultStation already carries. */
export function stationInput(station: { stationId: string; db: Database; acks: readonly AckRecord[]; answers: readonly HubAnswerSeen[] }, hub: SqlExecutor): InvariantInput {
  return { hub, stationId: station.stationId, db: station.db, acks: station.acks, answers: station.answers };
}
