/**
 * Installs a verified lesson pack version (issue #18 item 1): fetch what is missing, assemble the
 * folder, check it against the signed manifest and with the pack loader, then put it in place.
 *
 * 1. Contents the station already holds (in the running or previous pack, the bundled lessons, or a
 *    finished download) are copied locally; only the rest is fetched (content-download.ts).
 * 2. The pack is assembled in `packs/.build-<version>`; every file there is hashed again and the
 *    folder must hold exactly the manifest's files (nothing missing, nothing extra).
 * 3. The pack loader — the same that reads packs at start — must load every lesson without a
 *    problem: an unsafe SVG, a lesson.json that breaks the schema or a missing picture refuses the pack.
 * 4. The signed manifest is stored with it, everything is flushed, and the folder is renamed to
 *    `packs/<version>`. Only now can the pointer name it (pack-store.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { FleetError } from '../../core/sync/protocol/fleet/fleet-error';
import type { LessonManifest } from '../../core/sync/protocol/fleet/lesson-manifest';
import { planPack } from '../../core/fleet/pack-plan';
import type { ChannelSource } from './channel-source';
import { fetchContent, objectPath } from './content-download';
import { fleetPaths, fsyncPath, fsyncTree, PACK_MANIFEST_FILE } from './fleet-files';
import type { PackStore } from './pack-store';

/** What the pack loader finds wrong with a folder: `path: message` lines, empty when every lesson loads. */
export type PackValidator = (dir: string) => readonly string[];

export async function hashFileAsync(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Every file path under `dir` (relative, `/`-separated), dot-files at the top excluded. */
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (prefix === '' && entry.name === PACK_MANIFEST_FILE) return [];
    return entry.isDirectory() ? listFiles(dir, path) : [path];
  });
}

/** Checks a folder against a manifest: exactly its files, each with its size and hash. Throws FleetError. */
export async function verifyPackFolder(dir: string, manifest: LessonManifest): Promise<void> {
  const present = new Set(listFiles(dir));
  for (const file of manifest.files) {
    if (!present.delete(file.path)) throw new FleetError('file_missing', `${file.path}: not in the pack`);
    const actual = await hashFileAsync(join(dir, file.path));
    if (actual !== file.sha256) throw new FleetError('file_hash', `${file.path}: hashes to ${actual.slice(0, 12)}…, the manifest says ${file.sha256.slice(0, 12)}…`);
  }
  const extra = [...present][0];
  if (extra !== undefined) throw new FleetError('file_unexpected', `${extra}: in the pack but not in the manifest`);
}

export interface InstallOptions {
  readonly store: PackStore;
  readonly dataDir: string;
  readonly manifest: LessonManifest;
  readonly manifestText: string;
  readonly sig: string;
  readonly source: ChannelSource;
  /** Contents already on the station (sha256 → a file holding it). */
  readonly held: ReadonlyMap<string, string>;
  readonly validate: PackValidator;
  readonly signal: AbortSignal;
  readonly onBytes?: (bytes: number) => void;
}

/** Fetches, assembles, verifies and installs `manifest.version`; returns the bytes fetched. */
export async function installPack(options: InstallOptions): Promise<{ fetchedBytes: number }> {
  const { store, manifest } = options;
  if (store.isInstalled(manifest.version)) return { fetchedBytes: 0 };
  const { objectsDir, packsDir } = fleetPaths(options.dataDir);
  const plan = planPack(manifest, (sha256) => options.held.has(sha256) || objectPath(objectsDir, sha256) !== null);
  for (const want of plan.fetch) await fetchContent(options.source, objectsDir, want, { signal: options.signal, ...(options.onBytes ? { onBytes: options.onBytes } : {}) });

  const build = join(packsDir, `.build-${manifest.version}-${randomBytes(4).toString('hex')}`);
  try {
    for (const file of manifest.files) {
      const from = objectPath(objectsDir, file.sha256) ?? options.held.get(file.sha256);
      if (from === undefined) throw new FleetError('file_missing', `${file.path}: its content is neither held nor fetched`);
      const to = join(build, file.path);
      mkdirSync(dirname(to), { recursive: true });
      await copyFile(from, to);
    }
    await verifyPackFolder(build, manifest);
    const problems = options.validate(build);
    if (problems.length > 0) throw new FleetError('pack_invalid', `the pack loader refuses version ${manifest.version}: ${problems[0]}${problems.length > 1 ? ` (and ${problems.length - 1} more)` : ''}`);
    // Written last, after every check: the pack folder is then complete by construction.
    writeFileSync(join(build, PACK_MANIFEST_FILE), `${JSON.stringify({ manifest: options.manifestText, sig: options.sig })}\n`);
    fsyncTree(build);
    const target = store.versionDir(manifest.version);
    if (existsSync(target)) rmSync(target, { recursive: true, force: true });
    renameSync(build, target);
    fsyncPath(packsDir);
  } finally {
    rmSync(build, { recursive: true, force: true });
  }
  // The contents now live in the pack; the downloads are no longer needed.
  for (const want of plan.fetch) rmSync(join(objectsDir, want.sha256), { force: true });
  return { fetchedBytes: plan.fetchBytes };
}
