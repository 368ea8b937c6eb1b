/**
 * Keeps the report rollups in step with the stored events, inside the transaction that stores a
 * batch (upload or sneakernet import). It is given only the events that batch stored for the first
 * time, keyed by (station_id, epoch, seq) whatever the epoch, so a duplicate or a replay changes
 * nothing. A handful of statements per batch: read the learner aliases (learner-aliases.ts), make sure
 * every learner has a row, lock the rows and read their passes, read the aliases again under the locks,
 * write everything (one function call).
 */
import type { SqlExecutor } from '../db/hub-database';
import type { EventFact, EventToStore } from '../store/event-store';
import { computeRollupChange, learnerKeysOf } from './rollup-deltas';
import { eventDay } from './rollup-rules';
import { canonicalFacts, readAliases, rekeysOf, saveAliases } from './learner-aliases';
import { lockLearners, writeRollupChange } from './rollup-store';
import { recordWardMoves, wardMovesOf } from './ward-moves';

export interface StoredBatch {
  readonly stationId: string;
  readonly epoch: number;
  readonly stationWard: string;
  /** The events stored by this transaction (never duplicates). */
  readonly events: readonly EventToStore[];
  /** Their report facts. */
  readonly facts: readonly EventFact[];
}

const ATTENDEES = /"attendees":([0-9]{1,6})/;

/** Group sessions a batch ended, and the attendees they counted (as the station reported them), in all and per day. */
export function groupSessionsOf(events: readonly EventToStore[]): { sessions: number; attendees: number; byDay: Map<number, { sessions: number; attendees: number }> } {
  let sessions = 0;
  let attendees = 0;
  const byDay = new Map<number, { sessions: number; attendees: number }>();
  for (const event of events) {
    if (event.kind !== 'group.ended') continue;
    const counted = Number(ATTENDEES.exec(event.payload)?.[1] ?? 0);
    sessions += 1;
    attendees += counted;
    const day = eventDay(event.hlc, event.wall_ms);
    const row = byDay.get(day) ?? byDay.set(day, { sessions: 0, attendees: 0 }).get(day);
    if (row !== undefined) {
      row.sessions += 1;
      row.attendees += counted;
    }
  }
  return { sessions, attendees, byDay };
}

/** Applies one stored batch to the rollups (call inside the batch's transaction, after insertBatch). */
export async function updateRollups(tx: SqlExecutor, batch: StoredBatch, receivedAt = Date.now()): Promise<void> {
  const rekeys = rekeysOf(batch.facts);
  const mentioned = [...new Set([...learnerKeysOf(batch.facts), ...rekeys.flatMap((r) => [r.previousKey, r.learnerKey])])];
  const groups = groupSessionsOf(batch.events);
  if (mentioned.length === 0 && groups.sessions === 0) return;
  let aliases = await readAliases(tx, mentioned);
  // A previous key already mapped was merged before (a duplicate re-keying, or another station's).
  const merges = rekeys.filter((r) => !aliases.has(r.previousKey) && !aliases.has(r.learnerKey));
  const withBatch = (stored: ReadonlyMap<string, string>) => new Map([...stored, ...merges.map((m) => [m.previousKey, m.learnerKey] as const)]);
  let facts = canonicalFacts(batch.facts, withBatch(aliases));
  const keysToLock = () => [...new Set([...learnerKeysOf(facts), ...merges.flatMap((m) => [m.previousKey, m.learnerKey])])].sort();
  let keys = keysToLock();
  let locked = keys.length === 0 ? { learners: new Map(), passes: [] } : await lockLearners(tx, keys);
  // Read again under the locks: a re-keying another hub process committed meanwhile must apply here.
  const after = await readAliases(tx, keys);
  if ([...after.keys()].some((key) => !aliases.has(key) && !merges.some((m) => m.previousKey === key))) {
    aliases = new Map([...aliases, ...after]);
    facts = canonicalFacts(batch.facts, withBatch(aliases));
    keys = keysToLock();
    locked = await lockLearners(tx, keys);
  }
  const wallMsBySeq = new Map(batch.events.map((event) => [event.seq, event.wall_ms]));
  const change = computeRollupChange({ stationId: batch.stationId, epoch: batch.epoch, stationWard: batch.stationWard, facts, wallMsBySeq }, locked.learners, locked.passes, merges);
  await saveAliases(tx, merges, receivedAt);
  await writeRollupChange(tx, change, { stationId: batch.stationId, sessions: groups.sessions, attendees: groups.attendees });
  // A merged-away version-1 key is not a ward move: only learners who still count are compared.
  const retired = new Set(change.retired);
  await recordWardMoves(tx, { stationId: batch.stationId, epoch: batch.epoch, seq: batch.events.at(-1)?.seq ?? 0, moves: wardMovesOf(locked.learners, change.learners.filter((l) => !retired.has(l.learnerKey))) });
  if (groups.byDay.size > 0) {
    const days = [...groups.byDay.entries()].sort((a, b) => a[0] - b[0]);
    await tx.query(
      `INSERT INTO station_day_groups AS t (station_id, day, groups, attendees)
       SELECT $1, d, g, a FROM unnest($2::integer[], $3::integer[], $4::bigint[]) AS u(d, g, a)
       ON CONFLICT (station_id, day) DO UPDATE SET groups = t.groups + EXCLUDED.groups, attendees = t.attendees + EXCLUDED.attendees`,
      [batch.stationId, days.map(([day]) => day), days.map(([, row]) => row.sessions), days.map(([, row]) => row.attendees)],
    );
  }
}
