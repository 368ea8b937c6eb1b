import type { Migration } from './migration';

/**
 * Events exactly as sent (payload text kept byte for byte: hashes are never recomputed from parsed
 * JSON), flags from payload checks, and an audit row per refused fork. A trigger makes events
 * append-only against accidents, as on the station.
 */
export const migration0002: Migration = {
  version: 2,
  name: 'events',
  statements: [
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
      PRIMARY KEY (station_id, epoch, seq),
      FOREIGN KEY (station_id, epoch) REFERENCES station_epochs (station_id, epoch)
    )`,
    'CREATE INDEX events_event_id ON events (event_id)',
    `CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS
      'BEGIN RAISE EXCEPTION ''events are append-only''; END'`,
    `CREATE TRIGGER events_no_update_delete BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_append_only()`,
    `CREATE TABLE fork_reports (
      id            bigserial PRIMARY KEY,
      station_id    text NOT NULL,
      epoch         integer NOT NULL,
      seq           bigint NOT NULL,
      reason        text NOT NULL,
      sent_hash     text,
      stored_hash   text,
      source        text NOT NULL,
      reported_at   bigint NOT NULL
    )`,
  ],
};
