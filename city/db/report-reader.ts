/**
 * Where report queries run. Without a replica: the primary, figures current. With
 * `--read-database-url` (a PostgreSQL hot standby of the primary): the standby, unless it is
 * unreachable, not a standby, or further behind than `maxLagMs` — then the primary, and the report
 * says why. Reports always say how old their figures are, so a lagging replica is never shown as now.
 *
 * Age: when the standby has replayed everything the primary has written (WAL positions compared),
 * the figures are current; otherwise they are as of the last transaction the standby replayed
 * (pg_last_xact_replay_timestamp).
 */
import type { HubDatabase, SqlExecutor } from './hub-database';

export interface ReportSource {
  readonly db: SqlExecutor;
  readonly source: 'primary' | 'replica';
  /** The instant the figures describe (ms). */
  readonly asOfMs: number;
  /** Why the primary answered although a replica is configured; null otherwise. */
  readonly fallback: string | null;
}

export interface ReportReader {
  source(nowMs: number): Promise<ReportSource>;
  close(): Promise<void>;
}

/** Reports from the primary itself. */
export function primaryReader(primary: SqlExecutor): ReportReader {
  return { source: async (nowMs) => ({ db: primary, source: 'primary', asOfMs: nowMs, fallback: null }), close: async () => undefined };
}

/** Reports from a hot standby, checked before every report. */
export function replicaReader(primary: SqlExecutor, replica: HubDatabase, maxLagMs: number): ReportReader {
  const fallBack = (nowMs: number, why: string): ReportSource => ({ db: primary, source: 'primary', asOfMs: nowMs, fallback: why });
  return {
    async source(nowMs) {
      let state: { standby: boolean; lsn: string | null; replayed_ms: number | null } | undefined;
      try {
        [state] = await replica.query<{ standby: boolean; lsn: string | null; replayed_ms: number | null }>(
          `SELECT pg_is_in_recovery() AS standby, pg_last_wal_replay_lsn()::text AS lsn,
                  (extract(epoch FROM pg_last_xact_replay_timestamp()) * 1000)::bigint AS replayed_ms`,
        );
      } catch (error) {
        return fallBack(nowMs, `replica unreachable (${(error as Error).message})`);
      }
      if (state === undefined || !state.standby || state.lsn === null) return fallBack(nowMs, 'replica is not a hot standby');
      const [behind] = await primary.query<{ bytes: number }>('SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::bigint AS bytes', [state.lsn]);
      if (behind !== undefined && behind.bytes <= 0) return { db: replica, source: 'replica', asOfMs: nowMs, fallback: null };
      if (state.replayed_ms === null) return fallBack(nowMs, 'replica has replayed nothing yet');
      const lagMs = nowMs - state.replayed_ms;
      if (lagMs > maxLagMs) return fallBack(nowMs, `replica ${Math.round(lagMs / 1000)} s behind`);
      return { db: replica, source: 'replica', asOfMs: state.replayed_ms, fallback: null };
    },
    close: () => replica.close(),
  };
}
