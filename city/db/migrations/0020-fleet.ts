import type { Migration } from './migration';

/**
 * Running the fleet from the hub (issue #18, docs/PROTOCOL.md §11): content-addressed blobs (lesson
 * files and installers, in chunks so a 100 MB installer is never one value), signed lesson releases
 * and config documents, station health (latest and 30 days of history), app releases with their
 * staged rollout, and the fleet identity (the content public key this database was first served
 * with, and the secret behind each station's app-feed address).
 */
export const migration0020: Migration = {
  version: 20,
  name: 'fleet',
  statements: [
    `CREATE TABLE fleet_identity (
      singleton          boolean PRIMARY KEY CHECK (singleton),
      content_public_key text NOT NULL,
      feed_secret        text NOT NULL,
      recorded_at        bigint NOT NULL
    )`,
    `CREATE TABLE fleet_blob_chunks (
      sha256 text NOT NULL,
      idx    integer NOT NULL CHECK (idx >= 0),
      data   bytea NOT NULL,
      PRIMARY KEY (sha256, idx)
    )`,
    // A row here means every chunk is stored and the hashes were checked over them.
    `CREATE TABLE fleet_blobs (
      sha256     text PRIMARY KEY,
      sha512_b64 text NOT NULL,
      size       bigint NOT NULL CHECK (size >= 0),
      chunks     integer NOT NULL CHECK (chunks >= 0),
      created_at bigint NOT NULL
    )`,
    `CREATE TABLE lesson_releases (
      version         integer PRIMARY KEY CHECK (version >= 1),
      manifest        text NOT NULL,
      sig             text NOT NULL,
      min_app_version text NOT NULL,
      files           integer NOT NULL,
      total_bytes     bigint NOT NULL,
      published_by    text NOT NULL,
      published_at    bigint NOT NULL
    )`,
    `CREATE TABLE config_documents (
      target_kind text NOT NULL CHECK (target_kind IN ('station', 'ward')),
      target      text NOT NULL,
      version     integer NOT NULL CHECK (version >= 1),
      document    text NOT NULL,
      sig         text NOT NULL,
      signed_by   text NOT NULL,
      signed_at   bigint NOT NULL,
      PRIMARY KEY (target_kind, target, version)
    )`,
    `CREATE TABLE station_health (
      station_id  text PRIMARY KEY,
      received_at bigint NOT NULL,
      report      jsonb NOT NULL
    )`,
    `CREATE TABLE station_health_history (
      station_id  text NOT NULL,
      received_at bigint NOT NULL,
      report      jsonb NOT NULL,
      PRIMARY KEY (station_id, received_at)
    )`,
    `CREATE TABLE app_releases (
      platform    text NOT NULL CHECK (platform IN ('win32', 'linux')),
      version     text NOT NULL,
      file        text NOT NULL,
      blob_sha256 text NOT NULL REFERENCES fleet_blobs (sha256),
      sha512_b64  text NOT NULL,
      size        bigint NOT NULL,
      sig         text NOT NULL,
      uploaded_by text NOT NULL,
      uploaded_at bigint NOT NULL,
      PRIMARY KEY (platform, version)
    )`,
    `CREATE TABLE app_rollouts (
      version    text PRIMARY KEY,
      percent    integer NOT NULL CHECK (percent BETWEEN 0 AND 100),
      wards      text[] NOT NULL DEFAULT '{}',
      updated_by text NOT NULL,
      updated_at bigint NOT NULL
    )`,
  ],
};
