/**
 * Switches the running lessons to an installed version — never while a learner is in a lesson
 * (issue #18 item 1). The switch waits until the station is free (no visit, no group session),
 * then in one synchronous step writes the pointer, loads the new folder with the pack loader and
 * replaces the live lesson list the services read. No await separates these, so no kiosk command
 * can see a half-switched station. If the loader finds any problem with the new folder the pointer
 * goes back at once; a version that keeps the app from running 15 minutes is rolled back at the next
 * start (pack-store.ts).
 */
import type { Track } from '../../core/lessons/tracks';
import type { Lesson } from '../../core/lessons/lesson-schema';
import type { PackRollback, PackStore } from './pack-store';
import { MIN_CONFIRM_MS } from './pack-store';

export const BUSY_RETRY_MS = 5_000;

export interface SwitchTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PackSwitcherOptions {
  readonly store: PackStore;
  /** True while a learner is in a visit or a group session runs. */
  readonly isBusy: () => boolean;
  /** Loads a pack folder (the pack loader): lessons, and problems as `path: message`. */
  readonly load: (dir: string | null) => { readonly lessons: readonly Lesson[]; readonly tracks?: readonly Track[]; readonly problems: readonly string[] };
  /** The live list the lesson and group services read; replaced in place. */
  readonly liveLessons: Lesson[];
  /** The live tracks (tracks.json of the running pack), replaced with the lessons. */
  readonly liveTracks?: Track[];
  readonly wallMs: () => number;
  readonly timers: SwitchTimers;
  readonly onSwitched?: (version: number) => void;
  readonly onRolledBack?: (rollback: PackRollback) => void;
}

export interface PackSwitcher {
  /** Switch to `version` as soon as nobody is in a lesson. */
  request(version: number): void;
  pending(): number | null;
  /** Confirms the running version after it served MIN_CONFIRM_MS (call once the station is up). */
  startConfirmTimer(): void;
  stop(): void;
}

export function createPackSwitcher(options: PackSwitcherOptions): PackSwitcher {
  let pending: number | null = null;
  let retry: unknown = null;
  let confirm: unknown = null;
  const { timers } = options;

  const replaceLive = (loaded: { readonly lessons: readonly Lesson[]; readonly tracks?: readonly Track[] }) => {
    options.liveLessons.splice(0, options.liveLessons.length, ...loaded.lessons);
    options.liveTracks?.splice(0, options.liveTracks.length, ...(loaded.tracks ?? []));
  };
  const armConfirm = () => {
    if (confirm !== null) timers.clearTimeout(confirm);
    confirm = timers.setTimeout(() => {
      confirm = null;
      options.store.confirm();
    }, MIN_CONFIRM_MS);
  };

  const attempt = () => {
    retry = null;
    const version = pending;
    if (version === null) return;
    if (options.isBusy()) {
      retry = timers.setTimeout(attempt, BUSY_RETRY_MS);
      return;
    }
    pending = null;
    if (!options.store.isInstalled(version) || options.store.currentVersion() === version) return;
    options.store.switchTo(version, options.wallMs());
    const loaded = options.load(options.store.currentDir());
    if (loaded.problems.length > 0 || loaded.lessons.length === 0) {
      const rollback = options.store.rollBack(`the pack loader refused version ${version} after the switch: ${loaded.problems[0] ?? 'no lessons'}`);
      replaceLive(options.load(options.store.currentDir()));
      if (rollback !== null) options.onRolledBack?.(rollback);
      return;
    }
    replaceLive(loaded);
    options.store.prune();
    armConfirm();
    options.onSwitched?.(version);
  };

  return {
    request(version) {
      pending = version;
      if (retry !== null) timers.clearTimeout(retry);
      attempt();
    },
    pending: () => pending,
    startConfirmTimer() {
      const pointer = options.store.pointer();
      if (pointer !== null && !pointer.confirmed) armConfirm();
    },
    stop() {
      if (retry !== null) timers.clearTimeout(retry);
      if (confirm !== null) timers.clearTimeout(confirm);
      retry = null;
      confirm = null;
    },
  };
}
