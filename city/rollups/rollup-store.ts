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

/**
 * Locks (creating empty rows where needed) the learner rows of `keys` — sorted — until the
 * transaction ends, and returns their stored state.
 */
export async function lockLearners(tx: SqlExecutor, keys: readonly string[]): Promise<Map<string, LearnerState>> {
  await tx.query('INSERT INTO learner_rollup (learner_key) SELECT k FROM unnest($1::text[]) AS k ORDER BY k COLLATE "C" ON CONFLICT (learner_key) DO NOTHING', [keys]);
  const rows = await tx.query<LearnerRow>('SELECT * FROM learner_rollup WHERE learner_key = ANY($1::text[]) ORDER BY learner_key COLLATE "C" FOR UPDATE', [keys]);
  return new Map(rows.map((row) => [row.learner_key, learnerState(row)]));
}

/** Every stored first pass of the given (locked) learners. */
export async function passesOf(tx: SqlExecutor, keys: readonly string[]): Promise<LessonPass[]> {
  const rows = await tx.query<{ learner_key: string; lesson_id: string; pass_hlc: string; pass_station: string; pass_epoch: number; pass_seq: number; pass_ward: string; day: number }>(
    'SELECT learner_key, lesson_id, pass_hlc, pass_station, pass_epoch, pass_seq, pass_ward, day FROM lesson_passes WHERE learner_key = ANY($1::text[])',
    [keys],
  );
  return rows.map((row) => ({
    learnerKey: row.learner_key,
    lessonId: row.lesson_id,
    hlc: row.pass_hlc,
    stationId: row.pass_station,
    epoch: row.pass_epoch,
    seq: row.pass_seq,
    stationWard: row.pass_ward,
    day: row.day,
  }));
}

const column = <T, V>(rows: readonly T[], pick: (row: T) => V): V[] => rows.map(pick);

/**
 * Writes a batch's rollup change in one statement: learner states, first passes, the four count
 * tables (signed deltas added in key order) and the station's group sessions.
 */
export async function writeRollupChange(tx: SqlExecutor, change: RollupChange, groups: { stationId: string; sessions: number; attendees: number }): Promise<void> {
  const { learners, passes, deltas } = change;
  const byDay = [...deltas.learnersByDay.values()];
  const profiles = [...deltas.profiles.values()];
  const lessonDays = [...deltas.lessonsByDay.values()];
  const totals = [...deltas.lessonTotals.values()];
  if (learners.length + passes.length + byDay.length + profiles.length + lessonDays.length + totals.length === 0 && groups.sessions === 0) return;
  await tx.query(
    `WITH learners AS (
       UPDATE learner_rollup l SET first_hlc = u.first_hlc, first_station = u.first_station, first_epoch = u.first_epoch, first_seq = u.first_seq,
              first_ward = u.first_ward, first_day = u.first_day, reg_hlc = u.reg_hlc, reg_station = u.reg_station, reg_epoch = u.reg_epoch,
              reg_seq = u.reg_seq, reg_ward = u.reg_ward, birth_year = u.birth_year, gender = u.gender
       FROM unnest($1::text[], $2::text[], $3::text[], $4::integer[], $5::bigint[], $6::text[], $7::integer[],
                   $8::text[], $9::text[], $10::integer[], $11::bigint[], $12::text[], $13::integer[], $14::text[])
            AS u(learner_key, first_hlc, first_station, first_epoch, first_seq, first_ward, first_day, reg_hlc, reg_station, reg_epoch, reg_seq, reg_ward, birth_year, gender)
       WHERE l.learner_key = u.learner_key
     ), passes AS (
       INSERT INTO lesson_passes (learner_key, lesson_id, pass_hlc, pass_station, pass_epoch, pass_seq, pass_ward, day)
       SELECT * FROM unnest($15::text[], $16::text[], $17::text[], $18::text[], $19::integer[], $20::bigint[], $21::text[], $22::integer[])
       ON CONFLICT (learner_key, lesson_id) DO UPDATE SET pass_hlc = EXCLUDED.pass_hlc, pass_station = EXCLUDED.pass_station,
         pass_epoch = EXCLUDED.pass_epoch, pass_seq = EXCLUDED.pass_seq, pass_ward = EXCLUDED.pass_ward, day = EXCLUDED.day
     ), by_day AS (
       INSERT INTO ward_day_learners AS t (ward, day, learners)
       SELECT * FROM unnest($23::text[], $24::integer[], $25::integer[]) AS u(ward, day, n) ORDER BY ward COLLATE "C", day
       ON CONFLICT (ward, day) DO UPDATE SET learners = t.learners + EXCLUDED.learners
     ), profiles AS (
       INSERT INTO ward_learner_profiles AS t (ward, birth_year, gender, learners)
       SELECT * FROM unnest($26::text[], $27::integer[], $28::text[], $29::integer[]) AS u(ward, birth_year, gender, n) ORDER BY ward COLLATE "C", birth_year, gender COLLATE "C"
       ON CONFLICT (ward, birth_year, gender) DO UPDATE SET learners = t.learners + EXCLUDED.learners
     ), lesson_days AS (
       INSERT INTO ward_day_lessons AS t (ward, day, lesson_id, passes)
       SELECT * FROM unnest($30::text[], $31::integer[], $32::text[], $33::integer[]) AS u(ward, day, lesson_id, n) ORDER BY ward COLLATE "C", day, lesson_id COLLATE "C"
       ON CONFLICT (ward, day, lesson_id) DO UPDATE SET passes = t.passes + EXCLUDED.passes
     ), totals AS (
       INSERT INTO ward_lesson_totals AS t (ward, lesson_id, passes)
       SELECT * FROM unnest($34::text[], $35::text[], $36::integer[]) AS u(ward, lesson_id, n) ORDER BY ward COLLATE "C", lesson_id COLLATE "C"
       ON CONFLICT (ward, lesson_id) DO UPDATE SET passes = t.passes + EXCLUDED.passes
     ), groups AS (
       INSERT INTO station_groups AS t (station_id, groups, attendees) SELECT $37::text, $38::integer, $39::bigint WHERE $38::integer > 0
       ON CONFLICT (station_id) DO UPDATE SET groups = t.groups + EXCLUDED.groups, attendees = t.attendees + EXCLUDED.attendees
     )
     SELECT 1`,
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
