/**
 * What the fleet decides before the station's services open (issue #18): which config runs (the
 * technician's file with the hub's signed layers over it) and which lesson pack (the pointer's
 * version, after counting a trial start or rolling a failing version back; the bundled lessons
 * otherwise). The returned lesson list is the live one the services keep; a later switch replaces
 * its contents in place.
 */
import type { StationProblem } from '../../contract/dto';
import type { Lesson } from '../../core/lessons/lesson-schema';
import type { ConfigLoad } from '../config/load-config';
import type { Track } from '../../core/lessons/tracks';
import { loadLessons } from '../lessons/load-lessons';
import type { LessonProblem } from '../lessons/load-lessons';
import { loadEffectiveConfig } from './config-layers';
import type { ConfigVersions } from './config-layers';
import { openPackStore, resolvePackAtStart } from './pack-store';
import type { PackStore } from './pack-store';
import { noteRecovery } from './station-vitals';

export interface FleetBoot {
  readonly dataDir: string;
  readonly configPath: string | null;
  readonly config: ConfigLoad;
  readonly configVersions: ConfigVersions;
  readonly store: PackStore;
  /** The live lesson list (replaced in place by a pack switch). */
  readonly lessons: Lesson[];
  /** The live tracks of the running pack (replaced in place by a pack switch). */
  readonly tracks: Track[];
  readonly lessonProblems: readonly LessonProblem[];
  /** Fleet notices for the maintenance screen (a rollback, a signed config that does not fit). */
  readonly notices: readonly StationProblem[];
}

/** The pack loader as the fleet uses it: lessons, and problems as `path: message`. */
export function loadPack(dir: string | null): { lessons: Lesson[]; tracks: Track[]; problems: string[]; raw: LessonProblem[] } {
  const loaded = dir === null ? { lessons: [], tracks: [], problems: [] } : loadLessons(dir);
  return { lessons: loaded.lessons, tracks: loaded.tracks, problems: loaded.problems.map((problem) => `${problem.path}: ${problem.message}`), raw: loaded.problems };
}

export function bootFleet(p: { dataDir: string; configPath: string | null; bundledLessonsDir: string | null; wallMs: number }): FleetBoot {
  const effective = loadEffectiveConfig(p.configPath, p.dataDir);
  const notices: StationProblem[] = [...effective.notices];
  const store = openPackStore(p.dataDir, p.bundledLessonsDir);
  const rollBack = (rollback: ReturnType<typeof resolvePackAtStart>) => {
    if (rollback === null) return;
    notices.push({ code: 'lesson_pack_rolled_back', message: `${rollback.reason}; running ${rollback.to === null ? 'the bundled lessons' : `version ${rollback.to}`}` });
    noteRecovery(p.dataDir, { kind: 'pack_rolled_back', action: rollback.to === null ? 'bundled' : `pack-${rollback.to}`, at_ms: Math.floor(p.wallMs) });
  };
  rollBack(resolvePackAtStart(store));
  let loaded = loadPack(store.currentDir());
  if (store.currentVersion() !== null && (loaded.problems.length > 0 || loaded.lessons.length === 0)) {
    rollBack(store.rollBack(`the pack loader refused version ${store.currentVersion()}: ${loaded.problems[0] ?? 'no lessons'}`));
    loaded = loadPack(store.currentDir());
  }
  store.prune();
  return { dataDir: p.dataDir, configPath: p.configPath, config: effective.load, configVersions: effective.versions, store, lessons: loaded.lessons, tracks: loaded.tracks, lessonProblems: loaded.raw, notices };
}
