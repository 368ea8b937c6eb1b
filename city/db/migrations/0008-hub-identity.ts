import type { Migration } from './migration';

/**
 * The fingerprint of the city key file a database was first served with (city/crypto/key-fingerprint.ts):
 * a hub started with another key file (a fresh data folder beside an existing PostgreSQL, a key file
 * restored from the wrong backup) refuses to start instead of signing receipts stations cannot verify
 * and handing out a learner key that splits every learner in two. One row at most.
 */
export const migration0008: Migration = {
  version: 8,
  name: 'hub_identity',
  statements: [
    `CREATE TABLE hub_identity (
      singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      key_fingerprint text NOT NULL,
      recorded_at     bigint NOT NULL
    )`,
  ],
};
