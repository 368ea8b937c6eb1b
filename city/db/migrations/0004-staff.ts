import type { Migration } from './migration';

/** City staff who read reports: scrypt password hashes and sessions (token hashes only). */
export const migration0004: Migration = {
  version: 4,
  name: 'staff',
  statements: [
    `CREATE TABLE staff (
      name          text PRIMARY KEY,
      password_hash text NOT NULL,
      created_at    bigint NOT NULL
    )`,
    `CREATE TABLE staff_sessions (
      token_hash text PRIMARY KEY,
      staff_name text NOT NULL REFERENCES staff (name),
      created_at bigint NOT NULL,
      expires_at bigint NOT NULL
    )`,
  ],
};
