/**
 * The station's lesson packs on disk, by version (issue #18 item 1). Invariants:
 *
 * - `packs/<version>/` appears only by a rename of a folder that was fully assembled, checked against
 *   its signed manifest, passed by the pack loader and flushed (pack-install.ts);
 * - `packs/current.json` names the running version and the one before it, and is written atomically
 *   (atomic-file.ts) only after the folder it names is in place. A kill at any instant therefore
 *   leaves the old pointer (old pack whole) or the new one (new pack whole), never a mix;
 * - no pointer, or one that names nothing usable, means the lessons bundled with the app;
 * - a new version runs "on trial" until it has served MIN_CONFIRM_MS: if the app starts more than
 *   MAX_TRIAL_BOOTS times without confirming it (it keeps crashing), the previous version comes back
 *   and the new one is marked bad, so it is not downloaded again.
 */
import { existsSync, lstatSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { parseLessonManifestText } from '../../core/sync/protocol/fleet/lesson-manifest';
import type { LessonManifest } from '../../core/sync/protocol/fleet/lesson-manifest';
import { writeFileAtomic } from '../fs/atomic-file';
import { fleetPaths, PACK_MANIFEST_FILE, readJsonFile, writeJsonFile } from './fleet-files';

export const MAX_TRIAL_BOOTS = 2;
export const MIN_CONFIRM_MS = 15 * 60_000;

const pointerSchema = z.object({
  version: z.int().min(1),
  previous: z.int().min(1).nullable(),
  confirmed: z.boolean(),
  trialBoots: z.int().min(0),
  switchedWallMs: z.number(),
});
export type PackPointer = z.infer<typeof pointerSchema>;

const channelStateSchema = z.object({ badVersions: z.array(z.int()).default([]) });

export interface PackRollback {
  readonly from: number;
  readonly to: number | null;
  readonly reason: string;
}

export interface PackStore {
  readonly packsDir: string;
  readonly bundledDir: string | null;
  /** The running version, null for the bundled lessons. */
  currentVersion(): number | null;
  /** The folder the pack loader reads. */
  currentDir(): string | null;
  versionDir(version: number): string;
  isInstalled(version: number): boolean;
  /** The signed manifest kept with an installed version. */
  manifestOf(version: number): LessonManifest | null;
  pointer(): PackPointer | null;
  /** Makes an installed version the running one (the previous stays for a rollback). */
  switchTo(version: number, wallMs: number): void;
  /** Back to the previous version (or the bundled lessons); the abandoned version is marked bad. */
  rollBack(reason: string): PackRollback | null;
  /** The running version served long enough: it is no longer on trial. */
  confirm(): void;
  isBad(version: number): boolean;
  /** Removes unfinished builds and installed versions other than the running, the previous and `alsoKeep` ones. */
  prune(alsoKeep?: readonly number[]): void;
}

function isPackFolder(path: string): boolean {
  try {
    return lstatSync(path).isDirectory() && existsSync(join(path, PACK_MANIFEST_FILE));
  } catch {
    return false;
  }
}

/** Opens the store of a data folder; `bundledDir` is the app's own lessons (the fallback). */
export function openPackStore(dataDir: string, bundledDir: string | null): PackStore {
  const paths = fleetPaths(dataDir);
  const stateFile = join(paths.fleetDir, 'channel-state.json');
  const versionDir = (version: number) => join(paths.packsDir, String(version));
  const readPointer = (): PackPointer | null => {
    const parsed = pointerSchema.safeParse(readJsonFile(paths.pointerFile));
    return parsed.success ? parsed.data : null;
  };
  const writePointer = (pointer: PackPointer | null) => {
    if (pointer === null) rmSync(paths.pointerFile, { force: true });
    else writeFileAtomic(paths.pointerFile, `${JSON.stringify(pointer)}\n`);
  };
  const badVersions = (): number[] => {
    const parsed = channelStateSchema.safeParse(readJsonFile(stateFile));
    return parsed.success ? parsed.data.badVersions : [];
  };
  const store: PackStore = {
    packsDir: paths.packsDir,
    bundledDir,
    currentVersion: () => {
      const pointer = readPointer();
      return pointer !== null && isPackFolder(versionDir(pointer.version)) ? pointer.version : null;
    },
    currentDir: () => {
      const version = store.currentVersion();
      return version === null ? bundledDir : versionDir(version);
    },
    versionDir,
    isInstalled: (version) => isPackFolder(versionDir(version)),
    manifestOf: (version) => {
      try {
        const stored = readJsonFile(join(versionDir(version), PACK_MANIFEST_FILE)) as { manifest?: unknown } | null;
        return typeof stored?.manifest === 'string' ? parseLessonManifestText(stored.manifest) : null;
      } catch {
        return null;
      }
    },
    pointer: readPointer,
    switchTo: (version, wallMs) => {
      if (!store.isInstalled(version)) throw new Error(`pack ${version} is not installed`);
      const running = store.currentVersion();
      writePointer({ version, previous: running === version ? (readPointer()?.previous ?? null) : running, confirmed: false, trialBoots: 0, switchedWallMs: wallMs });
    },
    rollBack: (reason) => {
      const pointer = readPointer();
      if (pointer === null) return null;
      writeJsonFile(stateFile, { badVersions: [...new Set([...badVersions(), pointer.version])].slice(-50) });
      const back = pointer.previous !== null && isPackFolder(versionDir(pointer.previous)) ? pointer.previous : null;
      writePointer(back === null ? null : { version: back, previous: null, confirmed: true, trialBoots: 0, switchedWallMs: pointer.switchedWallMs });
      return { from: pointer.version, to: back, reason };
    },
    confirm: () => {
      const pointer = readPointer();
      if (pointer !== null && !pointer.confirmed) writePointer({ ...pointer, confirmed: true, trialBoots: 0 });
    },
    isBad: (version) => badVersions().includes(version),
    prune: (alsoKeep = []) => {
      const pointer = readPointer();
      let entries: string[];
      try {
        entries = readdirSync(paths.packsDir);
      } catch {
        return;
      }
      for (const name of entries) if (name.startsWith('.build-')) rmSync(join(paths.packsDir, name), { recursive: true, force: true });
      // With no pointer the bundled lessons run; installed versions may still be a good rollback target.
      if (pointer === null) return;
      const keep = new Set([pointer.version, pointer.previous, ...alsoKeep]);
      for (const name of entries) if (/^[1-9]\d*$/.test(name) && !keep.has(Number(name))) rmSync(versionDir(Number(name)), { recursive: true, force: true });
    },
  };
  return store;
}

/**
 * At start, before the lessons load: counts a trial boot of an unconfirmed version, and rolls back a
 * version that keeps failing to confirm or whose folder is gone. Returns the rollback, if any.
 */
export function resolvePackAtStart(store: PackStore): PackRollback | null {
  const pointer = store.pointer();
  if (pointer === null) return null;
  if (!store.isInstalled(pointer.version)) return store.rollBack(`pack ${pointer.version} is missing from the disk`);
  if (pointer.confirmed) return null;
  if (pointer.trialBoots + 1 > MAX_TRIAL_BOOTS) return store.rollBack(`pack ${pointer.version} did not run ${MIN_CONFIRM_MS / 60_000} minutes in ${MAX_TRIAL_BOOTS} starts`);
  writeJsonFile(join(store.packsDir, 'current.json'), { ...pointer, trialBoots: pointer.trialBoots + 1 });
  return null;
}
