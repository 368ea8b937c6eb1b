import { VIETNAM_OFFSET_MS } from '../../../electron/core/sync/protocol/vietnam-time';
import type { Migration } from './migration';

/**
 * The raw log (events, event_facts) partitioned by month (declarative RANGE partitioning; PGlite
 * runs it too). The partition key is `month` (yyyymm, Vietnam time, of the event's own hlc, or its
 * wall_ms when the hlc is malformed — the same instant the rollups' days use), so a re-sent copy of
 * an event always falls in the same partition and the primary key (station_id, epoch, seq, month)
 * still refuses it. Months outside 2000–2099 (a station with a wild clock) and months no partition
 * was made for yet go to the default partition. The hub makes partitions ahead of time
 * (city/db/partitions.ts); `tram city detach-raw --older-than N` detaches old months, and the
 * rollups keep every count.
 *
 * Existing rows are copied into the new tables under an exclusive lock (batches wait), month by
 * month partitions made for every month present.
 */
const MONTH_OF = (hlc: string, wallMs: string) =>
  `(to_char(to_timestamp(LEAST(GREATEST((CASE WHEN ${hlc} ~ '^[0-9]{13}-[0-9]{4}$' THEN left(${hlc}, 13)::bigint ELSE ${wallMs} END) + ${VIETNAM_OFFSET_MS}, 0), 4102444799999) / 1000.0) AT TIME ZONE 'UTC', 'YYYYMM'))::integer`;

export const migration0009: Migration = {
  version: 9,
  name: 'monthly_partitions',
  statements: [
    'LOCK TABLE events, event_facts IN ACCESS EXCLUSIVE MODE',
    'ALTER TABLE events RENAME TO events_unpartitioned',
    'ALTER TABLE event_facts RENAME TO event_facts_unpartitioned',
    'ALTER TABLE events_unpartitioned RENAME CONSTRAINT events_pkey TO events_unpartitioned_pkey',
    'ALTER TABLE event_facts_unpartitioned RENAME CONSTRAINT event_facts_pkey TO event_facts_unpartitioned_pkey',
    // Only the old full-recompute reports read facts by (kind, learner_key); rollups made it dead weight.
    'DROP INDEX event_facts_kind_learner',
    `CREATE TABLE events (
      station_id  text NOT NULL,
      epoch       integer NOT NULL,
      seq         bigint NOT NULL CHECK (seq >= 1),
      event_id    text NOT NULL,
      kind        text NOT NULL,
      payload     text NOT NULL,
      wall_ms     bigint NOT NULL,
      hlc         text NOT NULL,
      boot_id     text NOT NULL,
      mono_ms     bigint NOT NULL,
      prev_hash   text NOT NULL,
      hash        text NOT NULL,
      received_at bigint NOT NULL,
      flags       text[] NOT NULL DEFAULT '{}',
      month       integer NOT NULL,
      PRIMARY KEY (station_id, epoch, seq, month)
    ) PARTITION BY RANGE (month)`,
    `CREATE TABLE event_facts (
      station_id   text NOT NULL,
      epoch        integer NOT NULL,
      seq          bigint NOT NULL,
      kind         text NOT NULL,
      station_ward text NOT NULL,
      hlc          text NOT NULL,
      learner_key  text,
      birth_year   integer,
      gender       text,
      ward_code    text,
      lesson_id    text,
      passed       boolean,
      month        integer NOT NULL,
      PRIMARY KEY (station_id, epoch, seq, month)
    ) PARTITION BY RANGE (month)`,
    'CREATE TABLE events_default PARTITION OF events DEFAULT',
    'CREATE TABLE event_facts_default PARTITION OF event_facts DEFAULT',
    `DO $do$
     DECLARE m integer;
     BEGIN
       FOR m IN SELECT DISTINCT ${MONTH_OF('hlc', 'wall_ms')} FROM events_unpartitioned LOOP
         CONTINUE WHEN m < 200001 OR m > 209912;
         EXECUTE format('CREATE TABLE events_p%s PARTITION OF events FOR VALUES FROM (%s) TO (%s)', m, m, CASE WHEN m % 100 = 12 THEN m + 89 ELSE m + 1 END);
         EXECUTE format('CREATE TABLE event_facts_p%s PARTITION OF event_facts FOR VALUES FROM (%s) TO (%s)', m, m, CASE WHEN m % 100 = 12 THEN m + 89 ELSE m + 1 END);
       END LOOP;
     END $do$`,
    `INSERT INTO events SELECT station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at, flags,
       ${MONTH_OF('hlc', 'wall_ms')} FROM events_unpartitioned`,
    `INSERT INTO event_facts SELECT f.station_id, f.epoch, f.seq, f.kind, f.station_ward, f.hlc, f.learner_key, f.birth_year, f.gender, f.ward_code, f.lesson_id, f.passed,
       ${MONTH_OF('f.hlc', 'e.wall_ms')} FROM event_facts_unpartitioned f JOIN events_unpartitioned e ON e.station_id = f.station_id AND e.epoch = f.epoch AND e.seq = f.seq`,
    'DROP TABLE event_facts_unpartitioned',
    'DROP TABLE events_unpartitioned',
    `CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only()`,
  ],
};
