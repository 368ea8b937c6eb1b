import type { Migration } from './migration';

/**
 * Drops what the ingest path paid for on every row without any reader needing it.
 *
 * The two foreign keys: each fired a row trigger per stored event (an index probe plus a row lock),
 * which cost about a third of a batch's time in PostgreSQL, and both
 * only restated what the one writer already guarantees: `applyBatch` locks the station row and reads
 * its epoch row before inserting, epochs are never deleted, events are append-only (trigger of 0002),
 * and a fact row is written in the same transaction as its event, from the same batch.
 *
 * The index on events.event_id: no query reads by event id (identity is station, epoch, seq, and that
 * key stays unique), yet a random UUID lands on a random page of the index for every stored event.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'ingest_without_row_checks',
  statements: [
    'ALTER TABLE event_facts DROP CONSTRAINT event_facts_station_id_epoch_seq_fkey',
    'ALTER TABLE events DROP CONSTRAINT events_station_id_epoch_fkey',
    'DROP INDEX events_event_id',
  ],
};
