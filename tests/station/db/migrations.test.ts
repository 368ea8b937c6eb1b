import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, schemaVersion } from '../../../electron/station/db/migrate';
import { migrations } from '../../../electron/station/db/migrations';

/**
 * Each migration is tested on its own: migrate to N−1, put rows in, migrate to N, check the rows and
 * the new objects. The snapshot at the end fails on any removed or changed column.
 */
describe('station migrations', () => {
  let db: Database.Database;
  beforeEach(() => {
    db = new Database(':memory:');
  });
  afterEach(() => db.close());

  it('are numbered 1..N without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('0001 creates meta', () => {
    migrate(db, migrations, 1);
    db.prepare("INSERT INTO meta VALUES ('station_id', '06688-01')").run();
    expect(schemaVersion(db)).toBe(1);
    expect(() => db.prepare("INSERT INTO meta VALUES ('x', X'00')").run()).toThrow(/cannot store/i);
  });

  it('0002 adds the events tables and keeps meta rows', () => {
    migrate(db, migrations, 1);
    db.prepare("INSERT INTO meta VALUES ('station_id', '06688-01')").run();
    migrate(db, migrations, 2);
    expect(db.prepare("SELECT value FROM meta WHERE key = 'station_id'").get()).toEqual({ value: '06688-01' });
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
    expect(triggers).toEqual([{ name: 'events_continue_head' }, { name: 'events_delete_only_acked' }, { name: 'events_move_head' }, { name: 'events_no_update' }]);
  });

  it('0003 adds learners and visits and keeps events', () => {
    migrate(db, migrations, 2);
    db.prepare("INSERT INTO epochs VALUES (1, 'S', ?, 0, ?, NULL, 0, 'first-start')").run('0'.repeat(64), '0'.repeat(64));
    db.prepare("INSERT INTO events VALUES (1, 1, 'e1', 'k', '{}', 0, 'h', 'b', 0, ?, ?)").run('0'.repeat(64), 'f'.repeat(64));
    migrate(db, migrations, 3);
    expect(db.prepare('SELECT seq, hash FROM events').all()).toEqual([{ seq: 1, hash: 'f'.repeat(64) }]);
    expect(() => db.prepare("INSERT INTO learners VALUES ('k', 'A', 1950, 'x', NULL, 'v', 0, 0)").run()).toThrow(/CHECK/);
  });

  it('0004 adds lesson progress and keeps visits', () => {
    migrate(db, migrations, 3);
    db.prepare("INSERT INTO visits VALUES ('v1', 'k', 'hid-pos', 5, NULL, NULL)").run();
    migrate(db, migrations, 4);
    expect(db.prepare('SELECT visit_id FROM visits').all()).toEqual([{ visit_id: 'v1' }]);
    db.prepare("INSERT INTO lesson_progress VALUES ('k', 'l', 1, 2, 'started', NULL, 0)").run();
  });

  it('0005 adds the learner card id and keeps learners', () => {
    migrate(db, migrations, 4);
    db.prepare("INSERT INTO learners VALUES ('k', 'A', 1950, 'nam', NULL, 'v', 0, 0)").run();
    migrate(db, migrations, 5);
    expect(db.prepare('SELECT display_name, card_id FROM learners').get()).toEqual({ display_name: 'A', card_id: null });
  });

  it('0006 lists every version-1 learner key the station holds as pending (learner key version 2)', () => {
    migrate(db, migrations, 5);
    const key = 'c'.repeat(64);
    db.prepare("INSERT INTO learners VALUES (?, 'A', 1950, 'nam', NULL, 'v', 0, 0, NULL)").run(key);
    db.prepare("INSERT INTO lesson_progress VALUES (?, 'l', 1, 2, 'started', NULL, 0)").run('d'.repeat(64));
    migrate(db, migrations, 6);
    expect(db.prepare('SELECT legacy_key, learner_key FROM legacy_learner_keys ORDER BY legacy_key').all()).toEqual([
      { legacy_key: key, learner_key: null },
      { legacy_key: 'd'.repeat(64), learner_key: null },
    ]);
  });

  it('0007 adds practice progress and keeps lesson progress', () => {
    migrate(db, migrations, 6);
    db.prepare("INSERT INTO lesson_progress VALUES ('k', 'l', 1, 2, 'started', NULL, 0)").run();
    migrate(db, migrations, 7);
    expect(db.prepare('SELECT lesson_id, step FROM lesson_progress').get()).toEqual({ lesson_id: 'l', step: 2 });
    db.prepare("INSERT INTO practice_progress VALUES ('k', 'l', 'p1', 1, NULL)").run();
    expect(() => db.prepare("INSERT INTO practice_progress VALUES ('k', 'l', 'p2', 0, NULL)").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO practice_progress VALUES ('k', 'l', 'p1', 2, 5)").run()).toThrow(/UNIQUE|PRIMARY/);
  });

  it('0008 adds the learner track and keeps learners', () => {
    migrate(db, migrations, 7);
    db.prepare("INSERT INTO learners VALUES ('k', 'A', 2012, 'nu', NULL, 'v', 0, 0, NULL)").run();
    migrate(db, migrations, 8);
    expect(db.prepare('SELECT display_name, birth_year, track FROM learners').get()).toEqual({ display_name: 'A', birth_year: 2012, track: null });
    db.prepare("UPDATE learners SET track = 'worker'").run();
    expect(() => db.prepare("UPDATE learners SET track = 'tourist'").run()).toThrow(/CHECK/);
  });

  it('refuses a database newer than the app', () => {
    db.pragma(`user_version = ${migrations.length + 1}`);
    expect(() => migrate(db, migrations)).toThrow(/newer than this app/);
  });

  it('matches the schema snapshot (a removed or changed column fails here)', () => {
    migrate(db, migrations);
    const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all();
    const snapshot = Object.fromEntries(
      tables.map(({ name }) => [
        name,
        db
          .prepare<[], { name: string; type: string; notnull: number; pk: number }>(`SELECT name, type, "notnull", pk FROM pragma_table_info('${name}')`)
          .all()
          .map((c) => `${c.name} ${c.type}${c.notnull ? ' NOT NULL' : ''}${c.pk ? ` PK${c.pk}` : ''}`),
      ]),
    );
    expect(snapshot).toMatchSnapshot();
  });
});
