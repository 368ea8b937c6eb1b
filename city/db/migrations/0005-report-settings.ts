import type { Migration } from './migration';

/** What staff tell the hub: target population per ward and the lesson → TT 02 competences map. */
export const migration0005: Migration = {
  version: 5,
  name: 'report_settings',
  statements: [
    `CREATE TABLE ward_targets (
      ward_code         text PRIMARY KEY,
      target_population integer NOT NULL CHECK (target_population >= 0),
      updated_by        text NOT NULL,
      updated_at        bigint NOT NULL
    )`,
    `CREATE TABLE lesson_competencies (
      lesson_id    text PRIMARY KEY,
      competencies text[] NOT NULL
    )`,
  ],
};
