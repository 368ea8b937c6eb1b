import type { Database } from 'better-sqlite3';

/** One schema step. Migrations are append-only: never edit one that has shipped, add the next. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
}
