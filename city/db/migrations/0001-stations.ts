import type { Migration } from './migration';

/** Stations, their epochs (one hash chain each) and one-time enrolment codes (hash only). */
export const migration0001: Migration = {
  version: 1,
  name: 'stations',
  statements: [
    `CREATE TABLE stations (
      station_id     text PRIMARY KEY,
      ward_code      text NOT NULL,
      public_key     text NOT NULL,
      status         text NOT NULL CHECK (status IN ('active', 'revoked')),
      current_epoch  integer NOT NULL CHECK (current_epoch >= 1),
      app_version    text,
      needs_review   boolean NOT NULL DEFAULT false,
      review_reason  text,
      last_nonce     text,
      enrolled_at    bigint NOT NULL,
      last_seen_at   bigint,
      last_upload_at bigint,
      last_offset_ms bigint
    )`,
    `CREATE TABLE station_epochs (
      station_id     text NOT NULL REFERENCES stations (station_id),
      epoch          integer NOT NULL CHECK (epoch >= 1),
      public_key     text NOT NULL,
      start_hash     text NOT NULL,
      acked_seq      bigint NOT NULL DEFAULT 0 CHECK (acked_seq >= 0),
      head_hash      text NOT NULL,
      started_at     bigint NOT NULL,
      last_upload_at bigint,
      PRIMARY KEY (station_id, epoch)
    )`,
    `CREATE TABLE enrolment_codes (
      code_hash  text PRIMARY KEY,
      station_id text NOT NULL,
      issued_at  bigint NOT NULL,
      expires_at bigint NOT NULL,
      used_at    bigint
    )`,
    'CREATE INDEX enrolment_codes_station ON enrolment_codes (station_id)',
  ],
};
