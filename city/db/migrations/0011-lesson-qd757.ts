import type { Migration } from './migration';

/**
 * The lesson map carries both frameworks (issue #19 item 3): next to each lesson's TT 02/2025
 * competences, its codes in QĐ 757/QĐ-BKHCN's basic digital skills framework. Empty for lessons
 * mapped before, until `tram city lesson-map` is run again with a map that has them.
 */
export const migration0011: Migration = {
  version: 11,
  name: 'lesson_qd757',
  statements: ["ALTER TABLE lesson_competencies ADD COLUMN qd757 text[] NOT NULL DEFAULT '{}'"],
};
