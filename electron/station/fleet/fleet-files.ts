/**
 * Where the fleet keeps its state in a station's data folder, and the small file helpers it shares:
 *
 *   <data>/packs/<version>/          a verified lesson pack (its manifest kept as .tram-manifest.json)
 *   <data>/packs/current.json        the pointer: which version runs (written atomically, last)
 *   <data>/packs/.objects/<sha256>   downloaded contents (`.part` while a download is cut)
 *   <data>/packs/.build-<version>/   a pack being assembled (removed at start if left over)
 *   <data>/fleet/*.json              content key, config layers, channel, update and recovery state
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-file';

export interface FleetPaths {
  readonly packsDir: string;
  readonly pointerFile: string;
  readonly objectsDir: string;
  readonly fleetDir: string;
}

export function fleetPaths(dataDir: string): FleetPaths {
  const packsDir = join(dataDir, 'packs');
  return { packsDir, pointerFile: join(packsDir, 'current.json'), objectsDir: join(packsDir, '.objects'), fleetDir: join(dataDir, 'fleet') };
}

/** The manifest file kept inside each installed pack folder (a dot-file: the loader ignores it). */
export const PACK_MANIFEST_FILE = '.tram-manifest.json';

/** Reads a small JSON state file; null when it is missing or unreadable (state files are advisory). */
export function readJsonFile(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Writes a state file atomically (atomic-file.ts), creating its folder. */
export function writeJsonFile(path: string, value: unknown): void {
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Flushes every file and folder under `dir` to the device (before it is renamed into place). */
export function fsyncTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) fsyncTree(path);
    else if (entry.isFile()) fsyncPath(path);
  }
  fsyncPath(dir);
}

/** fsync of one file or folder; folders cannot be flushed on Windows or FAT, which is then skipped. */
export function fsyncPath(path: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(path, 'r');
    fsyncSync(fd);
  } catch {
    // A folder on Windows or FAT: nothing more can be done.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
