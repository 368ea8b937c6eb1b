/**
 * Monthly partitions of the raw log (migration 0009). An event's month is the Vietnam (UTC+7)
 * calendar month of its hlc milliseconds (wall_ms when the hlc is malformed), clamped to
 * 1970–2099; months before 2000 and months without a partition land in the default partition.
 * The hub creates partitions ahead of time; old months can be detached (retention) because the
 * reports read only rollups.
 */
import { HLC_PATTERN } from '../../electron/core/sync/protocol/limits';
import { VIETNAM_OFFSET_MS } from '../../electron/core/sync/protocol/vietnam-time';
import type { HubDatabase, SqlExecutor } from './hub-database';

const MAX_MS = 4_102_444_800_000; // 2100-01-01
const PARTITIONED = ['events', 'event_facts'] as const;
const PARTITION_LOCK = 7_274_663_109;

/** yyyymm of an event (the partition key). */
export function eventMonth(hlc: string, wallMs: number): number {
  const raw = HLC_PATTERN.test(hlc) ? Number(hlc.slice(0, 13)) : wallMs;
  const date = new Date(Math.min(Math.max(raw + VIETNAM_OFFSET_MS, 0), MAX_MS - 1));
  return date.getUTCFullYear() * 100 + date.getUTCMonth() + 1;
}

/** The month `count` months after `month` (negative counts go back). */
export function addMonths(month: number, count: number): number {
  const index = Math.floor(month / 100) * 12 + (month % 100) - 1 + count;
  return Math.floor(index / 12) * 100 + (index % 12) + 1;
}

/**
 * Makes the partitions of the months from last month to `ahead` months after the current one, if
 * missing. A month whose rows already sit in the default partition (a station clock far ahead) is
 * left there — still stored and counted, only not in a monthly partition — and reported.
 */
export async function ensurePartitions(db: HubDatabase, p: { nowMs: number; ahead?: number }): Promise<{ created: string[]; skipped: string[] }> {
  const current = eventMonth('', p.nowMs);
  const created: string[] = [];
  const skipped: string[] = [];
  const existing = new Set((await db.query<{ name: string }>("SELECT c.relname AS name FROM pg_class c WHERE c.relname ~ '^events_p[0-9]{6}$' AND c.relnamespace = current_schema()::regnamespace")).map((row) => row.name));
  for (let k = -1; k <= (p.ahead ?? 3); k += 1) {
    const month = addMonths(current, k);
    if (existing.has(`events_p${month}`)) continue;
    try {
      // One month per transaction, serialised between hub processes by an advisory lock.
      await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [PARTITION_LOCK]);
        for (const table of PARTITIONED) {
          // Identifiers cannot be bound; both are made here from a table name constant and digits.
          await tx.query(`CREATE TABLE IF NOT EXISTS ${table}_p${month} PARTITION OF ${table} FOR VALUES FROM (${month}) TO (${addMonths(month, 1)})`);
        }
      });
      created.push(String(month));
    } catch {
      skipped.push(String(month));
    }
  }
  return { created, skipped };
}

/**
 * Detaches the monthly partitions of events and event_facts that end before the start of the month
 * `olderThanMonths` months ago. The detached tables stay in the database under their names (dump and
 * drop them to free the space); the rollups, and so every report, keep their counts.
 */
export async function detachRawPartitions(db: SqlExecutor, p: { nowMs: number; olderThanMonths: number }): Promise<string[]> {
  const cutoff = addMonths(eventMonth('', p.nowMs), -p.olderThanMonths);
  const detached: string[] = [];
  for (const table of PARTITIONED) {
    const rows = await db.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = $1::regclass AND c.relname ~ '_p[0-9]{6}$' ORDER BY 1`,
      [table],
    );
    for (const { name } of rows) {
      const month = Number(name.slice(-6));
      if (addMonths(month, 1) > cutoff) continue;
      await db.query(`ALTER TABLE ${table} DETACH PARTITION ${name}`);
      detached.push(name);
    }
  }
  return detached;
}
