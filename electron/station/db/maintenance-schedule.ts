/**
 * Scheduled upkeep of the station database: a backup with the SQLite backup API when the last one is
 * older than the configured interval (keeping the newest N), and retention of acknowledged events.
 * It runs shortly after start and then every hour; a failure is logged and retried at the next run,
 * never thrown into the kiosk.
 */
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { backupDatabase, pruneBackups } from './backup';
import { getMeta } from '../store/meta';
import { pruneAcknowledged } from './retention';

export const MAINTENANCE_FIRST_RUN_MS = 60_000;
export const MAINTENANCE_EVERY_MS = 3_600_000;

export interface MaintenanceOptions {
  readonly db: Database;
  readonly dataDir: string;
  readonly backup: { readonly everyHours: number; readonly keep: number };
  readonly keepAckedDays: number;
  readonly wallMs: () => number;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
}

export interface MaintenanceRun {
  readonly backupFile: string | null;
  readonly prunedBackups: number;
  readonly prunedEvents: number;
}

/** Does what is due now. */
export async function runDueMaintenance(options: MaintenanceOptions): Promise<MaintenanceRun> {
  const now = options.wallMs();
  const last = Number(getMeta(options.db, 'last_backup_wall_ms') ?? '0');
  let backupFile: string | null = null;
  let prunedBackups = 0;
  if (now - last >= options.backup.everyHours * 3_600_000) {
    const dir = join(options.dataDir, 'backups');
    backupFile = (await backupDatabase(options.db, dir, now)).file;
    prunedBackups = pruneBackups(dir, options.backup.keep).length;
  }
  const prunedEvents = pruneAcknowledged(options.db, now, options.keepAckedDays);
  return { backupFile, prunedBackups, prunedEvents };
}

/** Starts the schedule; returns a stop function. */
export function scheduleMaintenance(options: MaintenanceOptions): () => void {
  let running = false;
  const tick = () => {
    if (running || !options.db.open) return;
    running = true;
    runDueMaintenance(options)
      .then((run) => {
        if (run.backupFile || run.prunedEvents > 0) options.log('maintenance', { backup: run.backupFile !== null, prunedBackups: run.prunedBackups, prunedEvents: run.prunedEvents });
      })
      .catch((error: unknown) => options.log('maintenance.failed', { detail: (error as Error).message }))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, MAINTENANCE_FIRST_RUN_MS);
  const every = setInterval(tick, MAINTENANCE_EVERY_MS);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
