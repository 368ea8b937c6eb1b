import type { Migration } from './migration';

/**
 * The largest signed `ts` a station has sent, so that a replayed old request (same signature, old ts
 * and nonce) is answered but not taken as proof that the station is alive (docs/PROTOCOL.md §3).
 */
export const migration0010: Migration = {
  version: 10,
  name: 'station_contact',
  statements: ['ALTER TABLE stations ADD COLUMN last_request_ts bigint'],
};
