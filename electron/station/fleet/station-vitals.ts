/**
 * The measurements behind a health report that only the station's machine can give: free disk,
 * database size and the last crash or recovery step (kept in
 * `fleet/last-recovery.json` so it outlives the relaunch it caused). None of them can carry a name,
 * a learner key or anything a person typed.
 */
import { statfsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RECOVERY_KINDS } from '../../core/sync/protocol/fleet/health-report';
import { fleetPaths, readJsonFile, writeJsonFile } from './fleet-files';

/** Free and total bytes of the disk holding `dir` (null where the platform cannot tell). */
export function diskSpace(dir: string): { free: number | null; total: number | null } {
  try {
    const stats = statfsSync(dir);
    return { free: Number(stats.bavail) * Number(stats.bsize), total: Number(stats.blocks) * Number(stats.bsize) };
  } catch {
    return { free: null, total: null };
  }
}

/** Bytes of station.sqlite with its WAL. */
export function databaseBytes(dataDir: string): number {
  return ['station.sqlite', 'station.sqlite-wal'].reduce((sum, name) => {
    try {
      return sum + statSync(join(dataDir, name)).size;
    } catch {
      return sum;
    }
  }, 0);
}

const recoverySchema = z.object({ kind: z.enum(RECOVERY_KINDS), action: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/).nullable(), at_ms: z.int() });
export type RecoveryNote = z.infer<typeof recoverySchema>;

const recoveryFile = (dataDir: string) => join(fleetPaths(dataDir).fleetDir, 'last-recovery.json');

/** Records the latest crash or recovery step (an unclean shutdown, a renderer reload, a rollback …). */
export function noteRecovery(dataDir: string, note: RecoveryNote): void {
  const parsed = recoverySchema.safeParse(note);
  if (!parsed.success) return;
  try {
    writeJsonFile(recoveryFile(dataDir), parsed.data);
  } catch {
    // A full disk must not turn a recovery into a crash; health then shows the previous note.
  }
}

export function lastRecovery(dataDir: string): RecoveryNote | null {
  const parsed = recoverySchema.safeParse(readJsonFile(recoveryFile(dataDir)));
  return parsed.success ? parsed.data : null;
}
