/**
 * Which signed settings take effect at once, in the running station, and which wait for the next
 * start (issue #18 item 3). The running config is one object that the station's parts keep a
 * reference to; a setting is applied live only where every reader reads it through that object at
 * the moment of use, so it cannot be half applied:
 *
 * - `idle.*`: the kiosk status reads `config.idle` at every call, and the page polls the status;
 * - `openingHours`: main's power schedule keeps the `openingHours` object itself and reads its
 *   `week` and `utcOffsetMinutes` every minute, as health does — so that object is updated in place;
 * - `quietHourForRelaunch`: main's power schedule reads it from the config at every check.
 *
 * The others wait for the next start (the nightly relaunch) and are listed until then:
 * - `station.name`, `station.wardName`: the lesson service and the certificates copy the name at
 *   start; a live change would print two names for the same station in one day;
 * - `backup.*`, `retention.*`: the backup and retention timers are set up once at start.
 */
import { allowedSettingPaths } from '../../core/sync/protocol/fleet/config-document';
import type { StationConfig } from '../config/station-config';

/** The allowed settings applied at once; every other allowed path waits for the next start. */
export const LIVE_SETTING_PATHS: readonly string[] = ['idle.warnAfterSeconds', 'idle.countdownSeconds', 'openingHours', 'quietHourForRelaunch'];

function valueAt(config: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), config);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export interface LiveConfigOutcome {
  /** Paths whose new value runs now. */
  readonly applied: readonly string[];
  /** Paths whose new value (compared with what runs) waits for the next start. */
  readonly atNextStart: readonly string[];
}

/** Lays the live settings of `next` (a checked, complete config) over `running`, in place. */
export function applyLiveConfig(running: StationConfig, next: StationConfig): LiveConfigOutcome {
  const changed = allowedSettingPaths().filter((path) => !same(valueAt(running, path), valueAt(next, path)));
  const applied = changed.filter((path) => LIVE_SETTING_PATHS.includes(path));
  if (applied.some((path) => path.startsWith('idle.'))) running.idle = { ...next.idle };
  // In place: the power schedule holds this very object.
  if (applied.includes('openingHours')) Object.assign(running.openingHours, { utcOffsetMinutes: next.openingHours.utcOffsetMinutes, week: next.openingHours.week });
  if (applied.includes('quietHourForRelaunch')) running.quietHourForRelaunch = next.quietHourForRelaunch;
  return { applied, atNextStart: changed.filter((path) => !LIVE_SETTING_PATHS.includes(path)) };
}
