import { DAY_MS, VIETNAM_OFFSET_MS } from '../../../electron/core/sync/protocol/vietnam-time';
import type { Migration } from './migration';

/**
 * What the officials' side needs (issue #17): the commune-level units list and the hub's province,
 * staff roles and their wards, the audit log of administrative actions, the history of target
 * populations, sign-in throttling shared by every hub process, the last receipt handed to each
 * station (the code a volunteer reads out), a fork marked reviewed, a second framework per lesson
 * (QĐ 757), the lesson facts a content reviewer works through, group sessions per day (the monthly
 * report) and learners whose ward moved. Existing staff become province administrators: they could
 * see and change everything before roles existed.
 */
const DAY_OF_EVENT = `floor(((CASE WHEN hlc ~ '^[0-9]{13}-[0-9]{4}$' THEN left(hlc, 13)::bigint ELSE wall_ms END) + ${VIETNAM_OFFSET_MS})::numeric / ${DAY_MS})::integer`;

export const migration0011: Migration = {
  version: 11,
  name: 'officials',
  statements: [
    `CREATE TABLE admin_units (
      code          text PRIMARY KEY,
      name          text NOT NULL,
      unit_type     text NOT NULL CHECK (unit_type IN ('phuong', 'xa', 'dac_khu')),
      province_code text NOT NULL,
      province_name text NOT NULL
    )`,
    'CREATE INDEX admin_units_province ON admin_units (province_code)',
    `CREATE TABLE hub_settings (
      singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
      province_code   text,
      units_source    text,
      units_loaded_at bigint
    )`,
    "ALTER TABLE staff ADD COLUMN role text NOT NULL DEFAULT 'admin' CHECK (role IN ('admin', 'ward_officer'))",
    'ALTER TABLE staff ADD COLUMN disabled_at bigint',
    `CREATE TABLE staff_wards (
      staff_name text NOT NULL REFERENCES staff (name),
      ward_code  text NOT NULL,
      PRIMARY KEY (staff_name, ward_code)
    )`,
    `CREATE TABLE audit_log (
      id      bigserial PRIMARY KEY,
      at      bigint NOT NULL,
      actor   text NOT NULL,
      action  text NOT NULL,
      target  text,
      detail  text,
      address text,
      via     text NOT NULL CHECK (via IN ('web', 'cli'))
    )`,
    `CREATE TABLE ward_target_history (
      id                bigserial PRIMARY KEY,
      ward_code         text NOT NULL,
      target_population integer NOT NULL,
      set_by            text NOT NULL,
      set_at            bigint NOT NULL
    )`,
    'CREATE INDEX ward_target_history_ward ON ward_target_history (ward_code, set_at)',
    'INSERT INTO ward_target_history (ward_code, target_population, set_by, set_at) SELECT ward_code, target_population, updated_by, updated_at FROM ward_targets',
    `CREATE TABLE sign_in_throttle (
      scope        text NOT NULL CHECK (scope IN ('name', 'address')),
      key          text NOT NULL,
      failures     integer NOT NULL,
      window_start bigint NOT NULL,
      locked_until bigint,
      PRIMARY KEY (scope, key)
    )`,
    'ALTER TABLE stations ADD COLUMN last_receipt_short text',
    'ALTER TABLE stations ADD COLUMN reviewed_by text',
    'ALTER TABLE stations ADD COLUMN reviewed_at bigint',
    "ALTER TABLE lesson_competencies ADD COLUMN qd757 text[] NOT NULL DEFAULT '{}'",
    `CREATE TABLE lesson_facts (
      lesson         text NOT NULL,
      fact           text NOT NULL,
      lesson_version integer NOT NULL,
      kind           text NOT NULL,
      text           text NOT NULL,
      status         text NOT NULL CHECK (status IN ('confirmed', 'to_verify')),
      checked_on     text,
      source         text,
      note           text,
      used_in        text[] NOT NULL,
      loaded_at      bigint NOT NULL,
      PRIMARY KEY (lesson, fact)
    )`,
    `CREATE TABLE station_day_groups (
      station_id text NOT NULL,
      day        integer NOT NULL,
      groups     integer NOT NULL,
      attendees  bigint NOT NULL,
      PRIMARY KEY (station_id, day)
    )`,
    `INSERT INTO station_day_groups (station_id, day, groups, attendees)
     SELECT station_id, ${DAY_OF_EVENT}, count(*), sum(COALESCE(substring(payload from '"attendees":([0-9]{1,6})')::integer, 0))
     FROM events WHERE kind = 'group.ended' GROUP BY 1, 2`,
    `CREATE TABLE learner_ward_moves (
      id          bigserial PRIMARY KEY,
      learner_key text NOT NULL,
      from_ward   text NOT NULL,
      to_ward     text NOT NULL,
      station_id  text NOT NULL,
      epoch       integer NOT NULL,
      seq         bigint NOT NULL,
      day         integer NOT NULL
    )`,
    'CREATE INDEX learner_ward_moves_to ON learner_ward_moves (to_ward)',
  ],
};
