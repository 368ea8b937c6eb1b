import type { Migration } from './migration';

/**
 * Drops the two foreign keys on the ingest path. Each one fired a row trigger per stored event (an
 * index probe plus a row lock), which cost about a third of a batch's time in PostgreSQL, and both
 * only restated what the one writer already guarantees: `applyBatch` locks the station row and reads
 * its epoch row before inserting, epochs are never deleted, events are append-only (trigger of 0002),
 * and a fact row is written by the same statement as its event, from the same batch.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'ingest_without_row_checks',
  statements: [
    'ALTER TABLE event_facts DROP CONSTRAINT event_facts_station_id_epoch_seq_fkey',
    'ALTER TABLE events DROP CONSTRAINT events_station_id_epoch_fkey',
  ],
};
