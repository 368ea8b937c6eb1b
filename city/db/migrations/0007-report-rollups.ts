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
const DAY_OF_EVENT = `floor(((CASE WHEN f.hlc ~ '^[0-9]{13}-[0-9]{4}$' THEN left(f.hlc, 13)::bigint ELSE e.wall_ms END) + 25200000)::numeric / 86400000)::integer`;

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
    ...BUILD_ROLLUPS,
  ],
};
