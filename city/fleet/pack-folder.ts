/**
 * Reads a lesson pack folder for publishing: every regular file under it, any type and any depth,
 * with its size and SHA-256 (read in a stream, never a whole pack in memory). Names starting with a
 * dot (editor and OS litter: .DS_Store, .git) are left out and listed, as the pack loader ignores
 * them too; a symbolic link or a special file is a problem, since the station would never get it.
 */
import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile } from './file-hash';

export interface PackFolderFile {
  readonly path: string;
  readonly absolutePath: string;
  readonly size: number;
  readonly sha256: string;
}

export interface PackFolder {
  readonly files: PackFolderFile[];
  readonly skipped: string[];
  readonly problems: string[];
}

/**
 * Names an operating system leaves in folders, never part of a pack: hidden files (.DS_Store, .git)
 * and Windows' thumbnail caches and folder settings, which Explorer writes beside the pictures of a
 * lesson on an official's PC. The CLI and the hub's upload page both leave them out.
 */
export function isSystemClutter(name: string): boolean {
  return name.startsWith('.') || ['thumbs.db', 'ehthumbs.db', 'desktop.ini'].includes(name.toLowerCase());
}

/** Lists and hashes the files of `dir`, sorted by path (code units, as the manifest wants). */
export async function readPackFolder(dir: string): Promise<PackFolder> {
  const files: PackFolderFile[] = [];
  const skipped: string[] = [];
  const problems: string[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const path = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (isSystemClutter(entry.name)) {
        skipped.push(path);
        continue;
      }
      const absolutePath = join(dir, path);
      const stats = await lstat(absolutePath);
      if (stats.isSymbolicLink()) problems.push(`${path}: a symbolic link; a pack must hold real files`);
      else if (stats.isDirectory()) await walk(path);
      else if (!stats.isFile()) problems.push(`${path}: not a regular file`);
      else files.push({ path, absolutePath, size: stats.size, sha256: await hashFile(absolutePath) });
    }
  };
  await walk('');
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped: skipped.sort(), problems };
}
