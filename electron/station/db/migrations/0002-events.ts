import type { Migration } from './migration';

/**
 * The attendance log (docs/PROTOCOL.md §4). The database itself guards the chain: an insert must continue
 * the head of its epoch (next seq, linking prev_hash), the head follows every insert, no row can be
 * updated, and only rows the city acknowledged can be deleted (retention).
 */
export const migration0002Events: Migration = {
  version: 2,
  name: 'events',
  up: (db) => {
    db.exec(`
      CREATE TABLE epochs (
        epoch INTEGER PRIMARY KEY,
        station_id TEXT NOT NULL,
        start_hash TEXT NOT NULL,
        head_seq INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        head_hlc TEXT,
        started_wall_ms INTEGER NOT NULL,
        reason TEXT NOT NULL
      ) STRICT;

      CREATE TABLE sync_state (
        epoch INTEGER PRIMARY KEY REFERENCES epochs(epoch),
        acked_seq INTEGER NOT NULL,
        acked_hash TEXT NOT NULL,
        receipt TEXT,
        server_time_ms INTEGER,
        updated_wall_ms INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE events (
        epoch INTEGER NOT NULL REFERENCES epochs(epoch),
        seq INTEGER NOT NULL,
        event_id TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL,
        payload TEXT NOT NULL,
        wall_ms INTEGER NOT NULL,
        hlc TEXT NOT NULL,
        boot_id TEXT NOT NULL,
        mono_ms INTEGER NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        PRIMARY KEY (epoch, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TRIGGER events_continue_head BEFORE INSERT ON events
      WHEN NOT EXISTS (
        SELECT 1 FROM epochs e WHERE e.epoch = NEW.epoch AND e.head_seq + 1 = NEW.seq AND e.head_hash = NEW.prev_hash
      )
      BEGIN SELECT RAISE(ABORT, 'event does not continue the head of its epoch'); END;

      CREATE TRIGGER events_move_head AFTER INSERT ON events
      BEGIN UPDATE epochs SET head_seq = NEW.seq, head_hash = NEW.hash, head_hlc = NEW.hlc WHERE epoch = NEW.epoch; END;

      CREATE TRIGGER events_no_update BEFORE UPDATE ON events
      BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

      CREATE TRIGGER events_delete_only_acked BEFORE DELETE ON events
      WHEN NOT EXISTS (SELECT 1 FROM sync_state s WHERE s.epoch = OLD.epoch AND s.acked_seq >= OLD.seq)
      BEGIN SELECT RAISE(ABORT, 'only acknowledged events may be pruned'); END;
    `);
  },
};
