import { DAY_MS, VIETNAM_OFFSET_MS } from '../../../electron/core/sync/protocol/vietnam-time';
import type { Migration } from './migration';

/**
 * Report rollups kept at ingest (city/rollups/), built here once from the stored facts of an existing
 * hub. The rules are those of city/rollups/rollup-rules.ts; this is their set-based form.
 *
 * The first statement locks events and event_facts against writers (SHARE ROW EXCLUSIVE conflicts
 * with the ROW EXCLUSIVE lock an insert takes), so a batch arriving on another hub process while the
 * rollups are built waits for this transaction and then finds complete rollups to update: it never
 * sees or makes a half-built rollup. Hubs of an older version (which do not maintain rollups) must
 * be stopped before the upgrade.
 */
const DAY_OF_EVENT = `floor(((CASE WHEN f.hlc ~ '^[0-9]{13}-[0-9]{4}$' THEN left(f.hlc, 13)::bigint ELSE e.wall_ms END) + ${VIETNAM_OFFSET_MS})::numeric / ${DAY_MS})::integer`;

/** The tables this migration makes, all derived from events and event_facts. */
export const ROLLUP_TABLES = ['learner_rollup', 'lesson_passes', 'ward_day_learners', 'ward_learner_profiles', 'ward_day_lessons', 'ward_lesson_totals', 'station_groups'] as const;

/** Fills empty rollup tables from event_facts and events (also used by `tram city rebuild-rollups`). */
export const BUILD_ROLLUPS: readonly string[] = [
  `INSERT INTO learner_rollup (learner_key, first_hlc, first_station, first_epoch, first_seq, first_ward, first_day,
                               reg_hlc, reg_station, reg_epoch, reg_seq, reg_ward, birth_year, gender)
   SELECT s.learner_key, s.hlc, s.station_id, s.epoch, s.seq, s.station_ward, s.day,
          r.hlc, r.station_id, r.epoch, r.seq, r.ward_code, r.birth_year, r.gender
   FROM (SELECT DISTINCT ON (f.learner_key) f.learner_key, f.hlc, f.station_id, f.epoch, f.seq, f.station_ward, ${DAY_OF_EVENT} AS day
         FROM event_facts f JOIN events e ON e.station_id = f.station_id AND e.epoch = f.epoch AND e.seq = f.seq
         WHERE f.kind IN ('learner.registered', 'attendance.checkin') AND f.learner_key IS NOT NULL
         ORDER BY f.learner_key, f.hlc COLLATE "C", f.station_id COLLATE "C", f.epoch, f.seq) s
   LEFT JOIN (SELECT DISTINCT ON (learner_key) learner_key, hlc, station_id, epoch, seq, ward_code, birth_year, gender
              FROM event_facts WHERE kind = 'learner.registered' AND learner_key IS NOT NULL
              ORDER BY learner_key, (ward_code IS NULL), hlc COLLATE "C" DESC, station_id COLLATE "C", epoch, seq DESC) r
     ON r.learner_key = s.learner_key`,
  `INSERT INTO lesson_passes (learner_key, lesson_id, pass_hlc, pass_station, pass_epoch, pass_seq, pass_ward, day)
   SELECT DISTINCT ON (f.learner_key, f.lesson_id) f.learner_key, f.lesson_id, f.hlc, f.station_id, f.epoch, f.seq, f.station_ward, ${DAY_OF_EVENT}
   FROM event_facts f JOIN events e ON e.station_id = f.station_id AND e.epoch = f.epoch AND e.seq = f.seq
   WHERE f.kind = 'lesson.completed' AND f.passed AND f.learner_key IS NOT NULL AND f.lesson_id IS NOT NULL
   ORDER BY f.learner_key, f.lesson_id, f.hlc COLLATE "C", f.station_id COLLATE "C", f.epoch, f.seq`,
  `INSERT INTO ward_day_learners (ward, day, learners)
   SELECT COALESCE(reg_ward, first_ward), first_day, count(*) FROM learner_rollup WHERE first_hlc IS NOT NULL GROUP BY 1, 2`,
  `INSERT INTO ward_learner_profiles (ward, birth_year, gender, learners)
   SELECT COALESCE(reg_ward, first_ward), COALESCE(birth_year, 0), COALESCE(gender, 'unknown'), count(*)
   FROM learner_rollup WHERE first_hlc IS NOT NULL GROUP BY 1, 2, 3`,
  `INSERT INTO ward_day_lessons (ward, day, lesson_id, passes)
   SELECT CASE WHEN l.first_hlc IS NULL THEN p.pass_ward ELSE COALESCE(l.reg_ward, l.first_ward) END, p.day, p.lesson_id, count(*)
   FROM lesson_passes p LEFT JOIN learner_rollup l ON l.learner_key = p.learner_key GROUP BY 1, 2, 3`,
  `INSERT INTO ward_lesson_totals (ward, lesson_id, passes)
   SELECT ward, lesson_id, sum(passes) FROM ward_day_lessons GROUP BY 1, 2`,
  `INSERT INTO station_groups (station_id, groups, attendees)
   SELECT station_id, count(*), sum(COALESCE(substring(payload from '"attendees":([0-9]{1,6})')::integer, 0))
   FROM events WHERE kind = 'group.ended' GROUP BY station_id`,
];

/**
 * One batch's rollup change (city/rollups/rollup-store.ts writeRollupChange): learner states, first
 * passes, signed count deltas (added in key order, so two transactions lock shared rows in the same
 * order) and group sessions. A function so that each statement is planned once per connection.
 */
const ROLLUP_APPLY = `CREATE FUNCTION rollup_apply(
    l_key text[], l_first_hlc text[], l_first_station text[], l_first_epoch integer[], l_first_seq bigint[], l_first_ward text[], l_first_day integer[],
    l_reg_hlc text[], l_reg_station text[], l_reg_epoch integer[], l_reg_seq bigint[], l_reg_ward text[], l_birth_year integer[], l_gender text[],
    p_key text[], p_lesson text[], p_hlc text[], p_station text[], p_epoch integer[], p_seq bigint[], p_ward text[], p_day integer[],
    d_ward text[], d_day integer[], d_n integer[],
    f_ward text[], f_birth_year integer[], f_gender text[], f_n integer[],
    ld_ward text[], ld_day integer[], ld_lesson text[], ld_n integer[],
    t_ward text[], t_lesson text[], t_n integer[],
    g_station text, g_sessions integer, g_attendees bigint
  ) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  IF cardinality(l_key) > 0 THEN
    UPDATE learner_rollup l SET first_hlc = u.first_hlc, first_station = u.first_station, first_epoch = u.first_epoch, first_seq = u.first_seq,
           first_ward = u.first_ward, first_day = u.first_day, reg_hlc = u.reg_hlc, reg_station = u.reg_station, reg_epoch = u.reg_epoch,
           reg_seq = u.reg_seq, reg_ward = u.reg_ward, birth_year = u.birth_year, gender = u.gender
    FROM unnest(l_key, l_first_hlc, l_first_station, l_first_epoch, l_first_seq, l_first_ward, l_first_day,
                l_reg_hlc, l_reg_station, l_reg_epoch, l_reg_seq, l_reg_ward, l_birth_year, l_gender)
         AS u(learner_key, first_hlc, first_station, first_epoch, first_seq, first_ward, first_day, reg_hlc, reg_station, reg_epoch, reg_seq, reg_ward, birth_year, gender)
    WHERE l.learner_key = u.learner_key;
  END IF;
  IF cardinality(p_key) > 0 THEN
    INSERT INTO lesson_passes AS t (learner_key, lesson_id, pass_hlc, pass_station, pass_epoch, pass_seq, pass_ward, day)
    SELECT * FROM unnest(p_key, p_lesson, p_hlc, p_station, p_epoch, p_seq, p_ward, p_day)
    ON CONFLICT (learner_key, lesson_id) DO UPDATE SET pass_hlc = EXCLUDED.pass_hlc, pass_station = EXCLUDED.pass_station,
      pass_epoch = EXCLUDED.pass_epoch, pass_seq = EXCLUDED.pass_seq, pass_ward = EXCLUDED.pass_ward, day = EXCLUDED.day;
  END IF;
  IF cardinality(d_ward) > 0 THEN
    INSERT INTO ward_day_learners AS t (ward, day, learners)
    SELECT * FROM unnest(d_ward, d_day, d_n) AS u(ward, day, n) ORDER BY ward COLLATE "C", day
    ON CONFLICT (ward, day) DO UPDATE SET learners = t.learners + EXCLUDED.learners;
  END IF;
  IF cardinality(f_ward) > 0 THEN
    INSERT INTO ward_learner_profiles AS t (ward, birth_year, gender, learners)
    SELECT * FROM unnest(f_ward, f_birth_year, f_gender, f_n) AS u(ward, birth_year, gender, n) ORDER BY ward COLLATE "C", birth_year, gender COLLATE "C"
    ON CONFLICT (ward, birth_year, gender) DO UPDATE SET learners = t.learners + EXCLUDED.learners;
  END IF;
  IF cardinality(ld_ward) > 0 THEN
    INSERT INTO ward_day_lessons AS t (ward, day, lesson_id, passes)
    SELECT * FROM unnest(ld_ward, ld_day, ld_lesson, ld_n) AS u(ward, day, lesson_id, n) ORDER BY ward COLLATE "C", day, lesson_id COLLATE "C"
    ON CONFLICT (ward, day, lesson_id) DO UPDATE SET passes = t.passes + EXCLUDED.passes;
  END IF;
  IF cardinality(t_ward) > 0 THEN
    INSERT INTO ward_lesson_totals AS t (ward, lesson_id, passes)
    SELECT * FROM unnest(t_ward, t_lesson, t_n) AS u(ward, lesson_id, n) ORDER BY ward COLLATE "C", lesson_id COLLATE "C"
    ON CONFLICT (ward, lesson_id) DO UPDATE SET passes = t.passes + EXCLUDED.passes;
  END IF;
  IF g_sessions > 0 THEN
    INSERT INTO station_groups AS t (station_id, groups, attendees) VALUES (g_station, g_sessions, g_attendees)
    ON CONFLICT (station_id) DO UPDATE SET groups = t.groups + EXCLUDED.groups, attendees = t.attendees + EXCLUDED.attendees;
  END IF;
END
$fn$`;

export const migration0007: Migration = {
  version: 7,
  name: 'report_rollups',
  statements: [
    'LOCK TABLE events, event_facts IN SHARE ROW EXCLUSIVE MODE',
    `CREATE TABLE learner_rollup (
      learner_key   text PRIMARY KEY,
      first_hlc     text,
      first_station text,
      first_epoch   integer,
      first_seq     bigint,
      first_ward    text,
      first_day     integer,
      reg_hlc       text,
      reg_station   text,
      reg_epoch     integer,
      reg_seq       bigint,
      reg_ward      text,
      birth_year    integer,
      gender        text
    )`,
    `CREATE TABLE lesson_passes (
      learner_key  text NOT NULL,
      lesson_id    text NOT NULL,
      pass_hlc     text NOT NULL,
      pass_station text NOT NULL,
      pass_epoch   integer NOT NULL,
      pass_seq     bigint NOT NULL,
      pass_ward    text NOT NULL,
      day          integer NOT NULL,
      PRIMARY KEY (learner_key, lesson_id)
    )`,
    'CREATE TABLE ward_day_learners (ward text NOT NULL, day integer NOT NULL, learners integer NOT NULL, PRIMARY KEY (ward, day))',
    `CREATE TABLE ward_learner_profiles (
      ward text NOT NULL, birth_year integer NOT NULL, gender text NOT NULL, learners integer NOT NULL,
      PRIMARY KEY (ward, birth_year, gender)
    )`,
    `CREATE TABLE ward_day_lessons (
      ward text NOT NULL, day integer NOT NULL, lesson_id text NOT NULL, passes integer NOT NULL,
      PRIMARY KEY (ward, day, lesson_id)
    )`,
    'CREATE TABLE ward_lesson_totals (ward text NOT NULL, lesson_id text NOT NULL, passes integer NOT NULL, PRIMARY KEY (ward, lesson_id))',
    'CREATE TABLE station_groups (station_id text PRIMARY KEY, groups integer NOT NULL, attendees bigint NOT NULL)',
    ROLLUP_APPLY,
    ...BUILD_ROLLUPS,
  ],
};
