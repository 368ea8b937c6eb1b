import type { Migration } from './migration';

/** Key-value facts about this database file: station id, instance id, origin, clean shutdown. */
export const migration0001Meta: Migration = {
  version: 1,
  name: 'meta',
  up: (db) => {
    db.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT`);
  },
};
