// The hub's numbered migrations: applied once, in order, append-only (checksums frozen), each step
// tested on a database holding the previous step's rows, plus a snapshot of the final schema.
import { createHash, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openHubDatabase } from '../../city/db/hub-database';
import type { HubDatabase } from '../../city/db/hub-database';
import { appliedMigrations, migrateHubDatabase } from '../../city/db/migrate';
import { HUB_MIGRATIONS } from '../../city/db/migrations';
import { describeEachDriver, openTestDatabase } from './support/hub-harness';
import type { TestDatabase } from './support/hub-harness';

// Changing a released migration changes its checksum and fails here: add a new migration instead.
const FROZEN: Record<number, [string, string]> = {
  1: ['stations', '33a0938e1b3a7efe4cf26f66cc8d9db6d324f7ef4cc831419244cfb6fd8be447'],
  2: ['events', '884686700f0a399ca18b7cff7c4e6bf679b51aa45e633c367210d49f0f9f3377'],
  3: ['event_facts', 'b9803cfd5dafdb542dc561db2abb8983514860e882d1b1c324857d09459077fd'],
  4: ['staff', '932a761dd2c68662d3ef876096dc78939cfa8b7d6213815c419ba9e0f9673c8d'],
  5: ['report_settings', 'dd1636e530c4762f335752caad29d9f418cc7ff9991138778117b1e7113dd0ca'],
  6: ['ingest_without_row_checks', '3684c35d70ae8a1dd4d4c9d1b0d8588d06aa9205b7634fd0f35ec36f321e755f'],
  7: ['report_rollups', 'b7e644efeec107fb17a179029e055fef7caf00d963d49fdf15106db3850de415'],
  8: ['hub_identity', '1bcea7fae0e6470dfe523c1f1d2f774a68e3a8cc16a141e7ea3afdaece8d52fd'],
  9: ['monthly_partitions', '33040efc5b1c28e564600b4a9b0e4b493efffa460407a4156e12c5d5a50496ea'],
  10: ['station_contact', 'efce970ff0f4b46170a5fd0003b724752c23a10bcfb6d96cefdc7ae75b0d9363'],
  11: ['officials', 'fdbe7eccb8a863afad29655a0c939a18565c3172c511783786334a07094f5736'],
  20: ['fleet', 'e145a03f08b88cf886eb2e2da4a492dd10b8c5e35ffb11a71af7b74e1834b4da'],
  21: ['learner_aliases', '3b7b252d1e9eae39d0ce82b893c7640ab81b4e29d1c1b080efbfe73eb19bdb48'],
};

// The final schema, table by table (column:data_type in order); a new migration updates this.
const SCHEMA: Record<string, string> = {
  enrolment_codes: 'code_hash:text station_id:text issued_at:bigint expires_at:bigint used_at:bigint',
  event_facts: 'station_id:text epoch:integer seq:bigint kind:text station_ward:text hlc:text learner_key:text birth_year:integer gender:text ward_code:text lesson_id:text passed:boolean month:integer',
  event_facts_default: 'station_id:text epoch:integer seq:bigint kind:text station_ward:text hlc:text learner_key:text birth_year:integer gender:text ward_code:text lesson_id:text passed:boolean month:integer',
  events: 'station_id:text epoch:integer seq:bigint event_id:text kind:text payload:text wall_ms:bigint hlc:text boot_id:text mono_ms:bigint prev_hash:text hash:text received_at:bigint flags:ARRAY month:integer',
  events_default: 'station_id:text epoch:integer seq:bigint event_id:text kind:text payload:text wall_ms:bigint hlc:text boot_id:text mono_ms:bigint prev_hash:text hash:text received_at:bigint flags:ARRAY month:integer',
  hub_identity: 'singleton:boolean key_fingerprint:text recorded_at:bigint',
  learner_rollup: 'learner_key:text first_hlc:text first_station:text first_epoch:integer first_seq:bigint first_ward:text first_day:integer reg_hlc:text reg_station:text reg_epoch:integer reg_seq:bigint reg_ward:text birth_year:integer gender:text',
  lesson_passes: 'learner_key:text lesson_id:text pass_hlc:text pass_station:text pass_epoch:integer pass_seq:bigint pass_ward:text day:integer',
  station_groups: 'station_id:text groups:integer attendees:bigint',
  ward_day_learners: 'ward:text day:integer learners:integer',
  ward_day_lessons: 'ward:text day:integer lesson_id:text passes:integer',
  ward_learner_profiles: 'ward:text birth_year:integer gender:text learners:integer',
  ward_lesson_totals: 'ward:text lesson_id:text passes:integer',
  fork_reports: 'id:bigint station_id:text epoch:integer seq:bigint reason:text sent_hash:text stored_hash:text source:text reported_at:bigint',
  lesson_competencies: 'lesson_id:text competencies:ARRAY qd757:ARRAY',
  admin_units: 'code:text name:text unit_type:text province_code:text province_name:text',
  audit_log: 'id:bigint at:bigint actor:text action:text target:text detail:text address:text via:text',
  hub_settings: 'singleton:boolean province_code:text units_source:text units_loaded_at:bigint',
  learner_aliases: 'previous_key:text learner_key:text created_at:bigint',
  learner_ward_moves: 'id:bigint learner_key:text from_ward:text to_ward:text station_id:text epoch:integer seq:bigint day:integer',
  lesson_facts: 'lesson:text fact:text lesson_version:integer kind:text text:text status:text checked_on:text source:text note:text used_in:ARRAY loaded_at:bigint',
  sign_in_throttle: 'scope:text key:text failures:integer window_start:bigint locked_until:bigint',
  staff_wards: 'staff_name:text ward_code:text',
  station_day_groups: 'station_id:text day:integer groups:integer attendees:bigint',
  ward_target_history: 'id:bigint ward_code:text target_population:integer set_by:text set_at:bigint',
  schema_migrations: 'version:integer name:text applied_at:timestamp_with_time_zone',
  staff: 'name:text password_hash:text created_at:bigint role:text disabled_at:bigint',
  staff_sessions: 'token_hash:text staff_name:text created_at:bigint expires_at:bigint',
  station_epochs: 'station_id:text epoch:integer public_key:text start_hash:text acked_seq:bigint head_hash:text started_at:bigint last_upload_at:bigint',
  stations: 'station_id:text ward_code:text public_key:text status:text current_epoch:integer app_version:text needs_review:boolean review_reason:text last_nonce:text enrolled_at:bigint last_seen_at:bigint last_upload_at:bigint last_offset_ms:bigint last_request_ts:bigint last_receipt_short:text reviewed_by:text reviewed_at:bigint',
  ward_targets: 'ward_code:text target_population:integer updated_by:text updated_at:bigint',
  app_releases: 'platform:text version:text file:text blob_sha256:text sha512_b64:text size:bigint sig:text uploaded_by:text uploaded_at:bigint',
  app_rollouts: 'version:text percent:integer wards:ARRAY updated_by:text updated_at:bigint',
  config_documents: 'target_kind:text target:text version:integer document:text sig:text signed_by:text signed_at:bigint',
  fleet_blob_chunks: 'sha256:text idx:integer data:bytea',
  fleet_blobs: 'sha256:text sha512_b64:text size:bigint chunks:integer created_at:bigint',
  fleet_identity: 'singleton:boolean content_public_key:text feed_secret:text recorded_at:bigint',
  lesson_releases: 'version:integer manifest:text sig:text min_app_version:text files:integer total_bytes:bigint published_by:text published_at:bigint',
  station_health: 'station_id:text received_at:bigint report:jsonb',
  station_health_history: 'station_id:text received_at:bigint report:jsonb',
};

const HASH = 'a'.repeat(64);

describeEachDriver('hub migrations', (driver) => {
  let database: TestDatabase;
  const opened: HubDatabase[] = [];
  const schemas: string[] = [];

  beforeAll(async () => {
    database = await openTestDatabase(driver);
  });
  afterAll(async () => {
    for (const db of opened) await db.close();
    if (driver === 'postgres') for (const schema of schemas) await database.db.query(`DROP SCHEMA ${schema} CASCADE`);
    await database.cleanup();
  });

  /** A database on an empty schema of its own (PGlite is one connection, so search_path sticks). */
  async function emptySchema(): Promise<HubDatabase> {
    const schema = `m_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
    await database.db.query(`CREATE SCHEMA ${schema}`);
    schemas.push(schema);
    if (driver === 'pglite') {
      await database.db.query(`SET search_path TO ${schema}`);
      return database.db;
    }
    const url = new URL(database.databaseUrl ?? '');
    url.searchParams.set('options', `-c search_path=${schema}`);
    const db = await openHubDatabase({ dataDir: database.dataDir, databaseUrl: url.toString() });
    opened.push(db);
    return db;
  }

  // Versions rise strictly; gaps are allowed so that parallel branches can take number ranges of their
  // own (0011… and 0020… while the fleet work was written) and be renumbered, or not, at merge.
  it('numbers migrations in strictly rising order with frozen names and checksums', () => {
    const versions = HUB_MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBe(1);
    for (let i = 1; i < versions.length; i++) expect(versions[i]).toBeGreaterThan(versions[i - 1] ?? 0);
    for (const migration of HUB_MIGRATIONS) {
      const checksum = createHash('sha256').update(migration.statements.join('\n;\n')).digest('hex');
      expect([migration.name, checksum]).toEqual(FROZEN[migration.version]);
    }
    expect(Object.keys(FROZEN)).toHaveLength(HUB_MIGRATIONS.length);
  });

  it('applies every migration once and is idempotent', async () => {
    const db = await emptySchema();
    const all = Object.keys(FROZEN).map(Number);
    expect(await migrateHubDatabase(db)).toEqual(all);
    expect(await migrateHubDatabase(db)).toEqual([]);
    expect(await appliedMigrations(db)).toEqual(all);
  });

  it('0002 keeps stations and links events to their epoch', async () => {
    const db = await emptySchema();
    await migrateHubDatabase(db, 1);
    await db.query("INSERT INTO stations (station_id, ward_code, public_key, status, current_epoch, enrolled_at) VALUES ('06688-01', '06688', 'k', 'active', 1, 1)");
    await db.query("INSERT INTO station_epochs (station_id, epoch, public_key, start_hash, head_hash, started_at) VALUES ('06688-01', 1, 'k', $1, $1, 1)", [HASH]);
    await migrateHubDatabase(db, 2);
    await db.query(
      "INSERT INTO events (station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at) VALUES ('06688-01', 1, 1, 'e', 'k', '{}', 1, 'h', 'b', 1, $1, $1, 1)",
      [HASH],
    );
    await expect(db.query("INSERT INTO events (station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at) VALUES ('06688-01', 2, 1, 'e', 'k', '{}', 1, 'h', 'b', 1, $1, $1, 1)", [HASH])).rejects.toThrow();
    await expect(db.query("UPDATE events SET payload = '{\"x\":1}'")).rejects.toThrow(/append-only/);
    await expect(db.query('DELETE FROM events')).rejects.toThrow(/append-only/);
    expect(await db.query('SELECT station_id, flags FROM events')).toEqual([{ station_id: '06688-01', flags: [] }]);
  });

  it('0003 adds facts for stored events only', async () => {
    const db = await emptySchema();
    await migrateHubDatabase(db, 2);
    await db.query("INSERT INTO stations (station_id, ward_code, public_key, status, current_epoch, enrolled_at) VALUES ('06688-02', '06688', 'k', 'active', 1, 1)");
    await db.query("INSERT INTO station_epochs (station_id, epoch, public_key, start_hash, head_hash, started_at) VALUES ('06688-02', 1, 'k', $1, $1, 1)", [HASH]);
    await db.query(
      "INSERT INTO events (station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at) VALUES ('06688-02', 1, 1, 'e', 'k', '{}', 1, 'h', 'b', 1, $1, $1, 1)",
      [HASH],
    );
    await migrateHubDatabase(db, 3);
    await db.query("INSERT INTO event_facts (station_id, epoch, seq, kind, station_ward, hlc) VALUES ('06688-02', 1, 1, 'k', '06688', 'h')");
    await expect(db.query("INSERT INTO event_facts (station_id, epoch, seq, kind, station_ward, hlc) VALUES ('06688-02', 1, 2, 'k', '06688', 'h')")).rejects.toThrow();
  });

  it('0004 and 0005 add staff and report settings beside existing data', async () => {
    const db = await emptySchema();
    await migrateHubDatabase(db, 3);
    await db.query("INSERT INTO enrolment_codes (code_hash, station_id, issued_at, expires_at) VALUES ('h', '06688-03', 1, 2)");
    await migrateHubDatabase(db, 4);
    await db.query("INSERT INTO staff (name, password_hash, created_at) VALUES ('a', 'scrypt$x', 1)");
    await expect(db.query("INSERT INTO staff_sessions (token_hash, staff_name, created_at, expires_at) VALUES ('t', 'nobody', 1, 2)")).rejects.toThrow();
    await migrateHubDatabase(db, 5);
    await expect(db.query("INSERT INTO ward_targets (ward_code, target_population, updated_by, updated_at) VALUES ('06688', -1, 'a', 1)")).rejects.toThrow();
    expect(await db.query('SELECT station_id FROM enrolment_codes')).toEqual([{ station_id: '06688-03' }]);
  });

  it('0006 drops the per-row foreign keys and the unread event_id index but keeps every key and the append-only rule', async () => {
    const db = await emptySchema();
    await migrateHubDatabase(db, 5);
    await db.query("INSERT INTO stations (station_id, ward_code, public_key, status, current_epoch, enrolled_at) VALUES ('06688-04', '06688', 'k', 'active', 1, 1)");
    await db.query("INSERT INTO station_epochs (station_id, epoch, public_key, start_hash, head_hash, started_at) VALUES ('06688-04', 1, 'k', $1, $1, 1)", [HASH]);
    const insertEvent = (seq: number) =>
      db.query(
        "INSERT INTO events (station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at) VALUES ('06688-04', 1, $2, 'e', 'k', '{}', 1, 'h', 'b', 1, $1, $1, 1)",
        [HASH, seq],
      );
    await insertEvent(1);
    await db.query("INSERT INTO event_facts (station_id, epoch, seq, kind, station_ward, hlc) VALUES ('06688-04', 1, 1, 'k', '06688', 'h')");
    const constraints = async () =>
      (await db.query<{ name: string }>("SELECT conname AS name FROM pg_constraint WHERE contype = 'f' AND connamespace = current_schema()::regnamespace ORDER BY 1")).map((row) => row.name);
    expect(await constraints()).toContain('events_station_id_epoch_fkey');
    await migrateHubDatabase(db, 6);
    expect(await constraints()).not.toContain('events_station_id_epoch_fkey');
    expect(await constraints()).not.toContain('event_facts_station_id_epoch_seq_fkey');
    expect(await db.query("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'events_event_id'")).toEqual([]);
    await expect(insertEvent(1)).rejects.toThrow();
    await expect(db.query("INSERT INTO event_facts (station_id, epoch, seq, kind, station_ward, hlc) VALUES ('06688-04', 1, 1, 'k', '06688', 'h')")).rejects.toThrow();
    await expect(db.query('DELETE FROM events')).rejects.toThrow(/append-only/);
    expect(await db.query('SELECT count(*)::int AS n FROM event_facts')).toEqual([{ n: 1 }]);
  });

  it('0007 builds the report rollups from the facts an existing hub stored', async () => {
    const db = await emptySchema();
    await migrateHubDatabase(db, 6);
    await db.query("INSERT INTO stations (station_id, ward_code, public_key, status, current_epoch, enrolled_at) VALUES ('06688-05', '06688', 'k', 'active', 1, 1)");
    const day = 20_454; // 2026-01-01 in Vietnam
    const hlc = (hour: number) => `${String(day * 86_400_000 - 7 * 3_600_000 + hour * 3_600_000).padStart(13, '0')}-0000`;
    const rows: [number, string, string, string | null, string | null, string | null, boolean | null][] = [
      [1, 'attendance.checkin', hlc(1), 'L1', null, null, null],
      [2, 'learner.registered', hlc(2), 'L1', '06690', null, null],
      [3, 'lesson.completed', hlc(3), 'L1', null, 'otp', false],
      [4, 'lesson.completed', hlc(27), 'L1', null, 'otp', true],
      [5, 'lesson.completed', hlc(28), 'L1', null, 'otp', true],
      [6, 'group.ended', hlc(29), null, null, null, null],
    ];
    for (const [seq, kind, at, learner, ward, lesson, passed] of rows) {
      await db.query(
        "INSERT INTO events (station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at) VALUES ('06688-05', 1, $1, 'e', $2, $3, 1, $4, 'b', 1, $5, $5, 1)",
        [seq, kind, kind === 'group.ended' ? '{"attendees":7,"group_id":"g"}' : '{}', at, HASH],
      );
      if (kind !== 'group.ended') {
        await db.query(
          "INSERT INTO event_facts (station_id, epoch, seq, kind, station_ward, hlc, learner_key, birth_year, gender, ward_code, lesson_id, passed) VALUES ('06688-05', 1, $1, $2, '06688', $3, $4, 1950, 'nu', $5, $6, $7)",
          [seq, kind, at, learner, ward, lesson, passed],
        );
      }
    }
    await migrateHubDatabase(db, 7);
    expect(await db.query('SELECT ward, day, learners FROM ward_day_learners')).toEqual([{ ward: '06690', day, learners: 1 }]);
    expect(await db.query('SELECT ward, birth_year, gender, learners FROM ward_learner_profiles')).toEqual([{ ward: '06690', birth_year: 1950, gender: 'nu', learners: 1 }]);
    expect(await db.query('SELECT ward, day, lesson_id, passes FROM ward_day_lessons')).toEqual([{ ward: '06690', day: day + 1, lesson_id: 'otp', passes: 1 }]);
    expect(await db.query('SELECT ward, lesson_id, passes FROM ward_lesson_totals')).toEqual([{ ward: '06690', lesson_id: 'otp', passes: 1 }]);
    expect(await db.query('SELECT station_id, groups, attendees FROM station_groups')).toEqual([{ station_id: '06688-05', groups: 1, attendees: 7 }]);
  });

  it('0009 moves events and facts into monthly partitions, keeping every row, the key and the append-only rule', async () => {
    const db = await emptySchema();
    await migrateHubDatabase(db, 8);
    const at = (month: number, day: number) => `${String(Date.UTC(2025, month - 1, day)).padStart(13, '0')}-0000`;
    const rows: [number, string, number][] = [[1, at(7, 10), 1], [2, at(7, 31), 1], [3, at(8, 2), 1], [4, 'bad-clock', Date.UTC(2025, 8, 3)]];
    for (const [seq, hlc, wall] of rows) {
      await db.query(
        "INSERT INTO events (station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at) VALUES ('06688-06', 1, $1, 'e', 'attendance.checkin', '{}', $3, $2, 'b', 1, $4, $4, 1)",
        [seq, hlc, wall, HASH],
      );
      await db.query("INSERT INTO event_facts (station_id, epoch, seq, kind, station_ward, hlc, learner_key) VALUES ('06688-06', 1, $1, 'attendance.checkin', '06688', $2, 'k')", [seq, hlc]);
    }
    await migrateHubDatabase(db, 9);
    expect(await db.query('SELECT seq, month FROM events ORDER BY seq')).toEqual([
      { seq: 1, month: 202507 },
      { seq: 2, month: 202507 },
      { seq: 3, month: 202508 },
      { seq: 4, month: 202509 },
    ]);
    expect(await db.query('SELECT count(*)::integer AS n FROM event_facts_p202507')).toEqual([{ n: 2 }]);
    expect(await db.query('SELECT count(*)::integer AS n FROM events_p202509')).toEqual([{ n: 1 }]);
    await expect(db.query("INSERT INTO events SELECT station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, 2, flags, month FROM events WHERE seq = 1")).rejects.toThrow(/duplicate key/);
    await expect(db.query('DELETE FROM events')).rejects.toThrow(/append-only/);
    await expect(db.query("UPDATE events SET payload = 'x'")).rejects.toThrow(/append-only/);
  });

  it('0010 adds the largest signed request time, empty for stations that existed before', async () => {
    const db = await emptySchema();
    await migrateHubDatabase(db, 9);
    await db.query("INSERT INTO stations (station_id, ward_code, public_key, status, current_epoch, enrolled_at, last_seen_at) VALUES ('06688-07', '06688', 'k', 'active', 1, 1, 9)");
    await migrateHubDatabase(db, 10);
    expect(await db.query("SELECT last_seen_at::int AS seen, last_request_ts FROM stations WHERE station_id = '06688-07'")).toEqual([{ seen: 9, last_request_ts: null }]);
  });

  it('0011 makes existing staff administrators, keeps target history and counts group sessions per day', async () => {
    const db = await emptySchema();
    await migrateHubDatabase(db, 10);
    await db.query("INSERT INTO staff (name, password_hash, created_at) VALUES ('cu', 'scrypt$x', 1)");
    await db.query("INSERT INTO ward_targets (ward_code, target_population, updated_by, updated_at) VALUES ('06688', 900, 'cu', 5)");
    await db.query(
      `INSERT INTO events (station_id, epoch, seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash, received_at, month)
       VALUES ('06688-09', 1, 1, 'e', 'group.ended', '{"attendees":12,"group_id":"g"}', 0, '1767225600000-0000', 'b', 0, 'p', 'h', 1, 202601)`,
    );
    await migrateHubDatabase(db, 11);
    expect(await db.query("SELECT role, disabled_at FROM staff WHERE name = 'cu'")).toEqual([{ role: 'admin', disabled_at: null }]);
    expect(await db.query('SELECT ward_code, target_population, set_by FROM ward_target_history')).toEqual([{ ward_code: '06688', target_population: 900, set_by: 'cu' }]);
    expect(await db.query('SELECT station_id, day, groups, attendees::int AS attendees FROM station_day_groups')).toEqual([{ station_id: '06688-09', day: 20454, groups: 1, attendees: 12 }]);
    await expect(db.query("INSERT INTO staff (name, password_hash, created_at, role) VALUES ('x', 'h', 1, 'root')")).rejects.toThrow();
  });

  it('0020 adds the fleet tables beside existing stations, and a blob chunk is kept byte for byte', async () => {
    const db = await emptySchema();
    await migrateHubDatabase(db, 10);
    await db.query("INSERT INTO stations (station_id, ward_code, public_key, status, current_epoch, enrolled_at) VALUES ('06688-08', '06688', 'k', 'active', 1, 1)");
    await migrateHubDatabase(db, 20);
    await db.query("INSERT INTO fleet_blob_chunks (sha256, idx, data) VALUES ('x', 0, decode('AAEC/w==', 'base64'))");
    const [chunk] = await db.query<{ data: Uint8Array }>('SELECT data FROM fleet_blob_chunks');
    expect([...(chunk?.data ?? [])]).toEqual([0, 1, 2, 255]);
    await expect(db.query("INSERT INTO app_rollouts (version, percent, updated_by, updated_at) VALUES ('1.0.0', 101, 'a', 1)")).rejects.toThrow();
    await expect(db.query("INSERT INTO app_releases (platform, version, file, blob_sha256, sha512_b64, size, sig, uploaded_by, uploaded_at) VALUES ('win32', '1.0.0', 'f', 'missing', 's', 1, 'g', 'a', 1)")).rejects.toThrow();
    await expect(db.query("INSERT INTO config_documents (target_kind, target, version, document, sig, signed_by, signed_at) VALUES ('city', 'x', 1, '{}', 's', 'a', 1)")).rejects.toThrow();
    expect(await db.query("SELECT station_id FROM stations")).toEqual([{ station_id: '06688-08' }]);
  });

  it('matches the schema snapshot', async () => {
    const db = await emptySchema();
    await migrateHubDatabase(db);
    const rows = await db.query<{ table_name: string; c: string }>(
      `SELECT table_name, column_name || ':' || replace(data_type, ' ', '_') AS c FROM information_schema.columns
       WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
    );
    const actual: Record<string, string> = {};
    for (const row of rows) actual[row.table_name] = actual[row.table_name] === undefined ? row.c : `${actual[row.table_name]} ${row.c}`;
    expect(actual).toEqual(SCHEMA);
  });
});
