import type { Migration } from './migration';

/**
 * Report facts pulled from valid payloads at ingest, as typed columns. Reports never parse stored
 * payload text in SQL, so one odd payload can never break a report query.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'event_facts',
  statements: [
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
      PRIMARY KEY (station_id, epoch, seq),
      FOREIGN KEY (station_id, epoch, seq) REFERENCES events (station_id, epoch, seq)
    )`,
    'CREATE INDEX event_facts_kind_learner ON event_facts (kind, learner_key)',
  ],
};
