/**
 * What contents a station already holds, so a new pack version fetches only what changed: the files
 * of the installed versions (named by their signed manifests) and of the lessons bundled with the
 * app (hashed once per process; the bundled folder never changes while the app runs).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { PackStore } from './pack-store';
import { hashFileAsync } from './pack-install';

let bundledIndex: { dir: string; index: Promise<Map<string, string>> } | null = null;

async function indexFolder(dir: string): Promise<Map<string, string>> {
  const index = new Map<string, string>();
  const walk = async (relative: string): Promise<void> => {
    let entries;
    try {
      entries = readdirSync(join(dir, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const path = join(dir, relative, entry.name);
      if (entry.isDirectory()) await walk(join(relative, entry.name));
      else if (entry.isFile()) index.set(await hashFileAsync(path), path);
    }
  };
  await walk('');
  return index;
}

/** sha256 → a file holding that content, over the installed versions and the bundled lessons. */
export async function heldContent(store: PackStore): Promise<Map<string, string>> {
  const held = new Map<string, string>();
  if (store.bundledDir !== null) {
    if (bundledIndex?.dir !== store.bundledDir) bundledIndex = { dir: store.bundledDir, index: indexFolder(store.bundledDir) };
    for (const [sha256, path] of await bundledIndex.index) held.set(sha256, path);
  }
  const pointer = store.pointer();
  for (const version of [pointer?.previous, pointer?.version]) {
    if (typeof version !== 'number') continue;
    const manifest = store.manifestOf(version);
    for (const file of manifest?.files ?? []) held.set(file.sha256, join(store.versionDir(version), file.path));
  }
  return held;
}
