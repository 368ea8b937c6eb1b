/**
 * The rollup tables of migration 0007: repository functions for the ingest path.
 *
 * Lock order (no deadlock between two hub processes storing batches that share learners or wards):
 * learner_rollup rows first, in ascending key order (a placeholder row is inserted for a new key so
 * that there is a row to lock), then each count table in a fixed order, rows in ascending key order.
 * Passes are only ever written under their learner's lock. A deadlock that slips through anyway is
 * retried by the PostgreSQL driver's transaction().
 */
import type { SqlExecutor } from '../db/hub-database';
import type { RollupChange } from './rollup-deltas';
import type { LearnerState, LessonPass } from './rollup-rules';

interface LearnerRow {
  readonly learner_key: string;
  readonly first_hlc: string | null;
  readonly first_station: string | null;
  readonly first_epoch: number | null;
  readonly first_seq: number | null;
  readonly first_ward: string | null;
  readonly first_day: number | null;
  readonly reg_hlc: string | null;
  readonly reg_station: string | null;
  readonly reg_epoch: number | null;
  readonly reg_seq: number | null;
  readonly reg_ward: string | null;
  readonly birth_year: number | null;
  readonly gender: string | null;
}

function learnerState(row: LearnerRow): LearnerState {
  const first =
    row.first_hlc === null || row.first_station === null || row.first_epoch === null || row.first_seq === null || row.first_ward === null || row.first_day === null
      ? null
      : { hlc: row.first_hlc, stationId: row.first_station, epoch: row.first_epoch, seq: row.first_seq, stationWard: row.first_ward, day: row.first_day };
  const registration =
    row.reg_hlc === null || row.reg_station === null || row.reg_epoch === null || row.reg_seq === null
      ? null
      : { hlc: row.reg_hlc, stationId: row.reg_station, epoch: row.reg_epoch, seq: row.reg_seq, wardCode: row.reg_ward, birthYear: row.birth_year, gender: row.gender };
  return { learnerKey: row.learner_key, first, registration };
}

type PassCells = [string, string, string, number, number, string, number];

/**
 * Locks the learner rows of `keys` (sorted) until the transaction ends — inserting an empty row for a
 * key the hub has never seen, so there is always a row to lock (the insert waits for a concurrent
 * insert of the same key to commit) — and returns their stored state with all their stored first
 * passes. FOR UPDATE locks after the sort, so rows are taken in key order.
 */
export async function lockLearners(tx: SqlExecutor, keys: readonly string[]): Promise<{ learners: Map<string, LearnerState>; passes: LessonPass[] }> {
  await tx.query('INSERT INTO learner_rollup (learner_key) SELECT k FROM unnest($1::text[]) AS k ORDER BY k COLLATE "C" ON CONFLICT (learner_key) DO NOTHING', [keys]);
  // A new statement, so it sees rows that concurrent transactions committed while the insert waited.
  const rows = await tx.query<LearnerRow & { passes: PassCells[] | null }>(
    `SELECT l.*, (SELECT json_agg(json_build_array(p.lesson_id, p.pass_hlc, p.pass_station, p.pass_epoch, p.pass_seq, p.pass_ward, p.day))
                  FROM lesson_passes p WHERE p.learner_key = l.learner_key) AS passes
     FROM learner_rollup l WHERE l.learner_key = ANY($1::text[]) ORDER BY l.learner_key COLLATE "C" FOR UPDATE OF l`,
    [keys],
  );
  const passes: LessonPass[] = [];
  for (const row of rows) {
    for (const [lessonId, hlc, stationId, epoch, seq, stationWard, day] of row.passes ?? []) {
      passes.push({ learnerKey: row.learner_key, lessonId, hlc, stationId, epoch, seq, stationWard, day });
    }
  }
  return { learners: new Map(rows.map((row) => [row.learner_key, learnerState(row)])), passes };
}

const column = <T, V>(rows: readonly T[], pick: (row: T) => V): V[] => rows.map(pick);

/**
 * Writes a batch's rollup change with one call of rollup_apply (migration 0007: a PL/pgSQL function,
 * so its statements are planned once per connection, not once per batch): learner states, first
 * passes, the four count tables (signed deltas added in key order) and the station's group sessions.
 */
export async function writeRollupChange(tx: SqlExecutor, change: RollupChange, groups: { stationId: string; sessions: number; attendees: number }): Promise<void> {
  const { learners, passes, deltas, retired } = change;
  // Passes of a version-1 key merged into its version-2 key (their counts already moved in `deltas`).
  if (retired.length > 0) await tx.query('DELETE FROM lesson_passes WHERE learner_key = ANY($1::text[])', [retired]);
  const byDay = [...deltas.learnersByDay.values()];
  const profiles = [...deltas.profiles.values()];
  const lessonDays = [...deltas.lessonsByDay.values()];
  const totals = [...deltas.lessonTotals.values()];
  if (learners.length + passes.length + byDay.length + profiles.length + lessonDays.length + totals.length === 0 && groups.sessions === 0) return;
  const params = Array.from({ length: 39 }, (_v, i) => `$${i + 1}`).join(', ');
  await tx.query(
    `SELECT rollup_apply(${params})`,
    [
      column(learners, (l) => l.learnerKey),
      column(learners, (l) => l.first?.hlc ?? null),
      column(learners, (l) => l.first?.stationId ?? null),
      column(learners, (l) => l.first?.epoch ?? null),
      column(learners, (l) => l.first?.seq ?? null),
      column(learners, (l) => l.first?.stationWard ?? null),
      column(learners, (l) => l.first?.day ?? null),
      column(learners, (l) => l.registration?.hlc ?? null),
      column(learners, (l) => l.registration?.stationId ?? null),
      column(learners, (l) => l.registration?.epoch ?? null),
      column(learners, (l) => l.registration?.seq ?? null),
      column(learners, (l) => l.registration?.wardCode ?? null),
      column(learners, (l) => l.registration?.birthYear ?? null),
      column(learners, (l) => l.registration?.gender ?? null),
      column(passes, (p) => p.learnerKey),
      column(passes, (p) => p.lessonId),
      column(passes, (p) => p.hlc),
      column(passes, (p) => p.stationId),
      column(passes, (p) => p.epoch),
      column(passes, (p) => p.seq),
      column(passes, (p) => p.stationWard),
      column(passes, (p) => p.day),
      column(byDay, (r) => r.ward),
      column(byDay, (r) => r.day),
      column(byDay, (r) => r.n),
      column(profiles, (r) => r.ward),
      column(profiles, (r) => r.birthYear),
      column(profiles, (r) => r.gender),
      column(profiles, (r) => r.n),
      column(lessonDays, (r) => r.ward),
      column(lessonDays, (r) => r.day),
      column(lessonDays, (r) => r.lessonId),
      column(lessonDays, (r) => r.n),
      column(totals, (r) => r.ward),
      column(totals, (r) => r.lessonId),
      column(totals, (r) => r.n),
      groups.stationId,
      groups.sessions,
      groups.attendees,
    ],
  );
}
