/**
 * Re-keying learners registered under learner key version 1 (learner-keys.ts, migration 0006): one
 * `learner.rekeyed {learner_key, previous_key}` event per person, in the same transaction that moves
 * the station's rows, so the hub merges the two keys and the person counts once. Each person is
 * re-keyed at their next scan (the scan already paid for the new key) or, for those who do not come
 * back, by the background migrator, one at a time and only while nobody is using the kiosk.
 */
import type { Database } from 'better-sqlite3';
import type { EventLog } from '../db/event-log';
import { isPendingLegacyKey, pendingLegacyKeys, rekeyLearnerRows } from '../store/legacy-learner-keys';
import { upgradeLearnerKey } from './learner-keys';

/** Re-keys one pending version-1 key to its version-2 key; false if it was not pending (already done). */
export function rekeyLegacyLearner(db: Database, log: EventLog, legacyKey: string, learnerKey: string): boolean {
  // Check and append in one synchronous turn: no other scan or migrator step can run in between.
  if (!isPendingLegacyKey(db, legacyKey)) return false;
  log.append([{ kind: 'learner.rekeyed', payload: { learner_key: learnerKey, previous_key: legacyKey } }], (db) => rekeyLearnerRows(db, legacyKey, learnerKey));
  return true;
}

export interface MigratorOptions {
  readonly db: Database;
  readonly log: EventLog;
  /** True while a learner or group is using the kiosk: the migrator waits (a scan needs the cores). */
  readonly busy: () => boolean;
  /** Pause between two keys, and while busy (ms). */
  readonly pauseMs?: number;
  /** Told after each key and on a failure (logged by the station). */
  readonly onProgress?: (p: { rekeyed: number; error?: unknown }) => void;
  readonly upgrade?: (legacyKey: string) => Promise<string>;
}

/** Re-keys every pending learner in the background. `stop()` waits for the key in hand to finish. */
export function startLegacyKeyMigrator(options: MigratorOptions): { stop(): Promise<void>; done: Promise<number> } {
  const pauseMs = options.pauseMs ?? 1_000;
  const upgrade = options.upgrade ?? upgradeLearnerKey;
  let stopped = false;
  let wake: (() => void) | null = null;
  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, pauseMs);
      timer.unref?.();
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  const run = async (): Promise<number> => {
    let rekeyed = 0;
    while (!stopped) {
      if (options.busy()) {
        await pause();
        continue;
      }
      const [legacyKey] = pendingLegacyKeys(options.db, 1);
      if (legacyKey === undefined) break;
      try {
        const learnerKey = await upgrade(legacyKey);
        if (stopped || !options.db.open) break;
        if (rekeyLegacyLearner(options.db, options.log, legacyKey, learnerKey)) rekeyed += 1;
        options.onProgress?.({ rekeyed });
      } catch (error) {
        options.onProgress?.({ rekeyed, error });
        stopped = true;
        break;
      }
      await pause();
    }
    return rekeyed;
  };
  const done = run();
  return {
    done,
    stop: async () => {
      stopped = true;
      wake?.();
      await done;
    },
  };
}
