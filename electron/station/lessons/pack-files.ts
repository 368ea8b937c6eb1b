/** Reading a file of a lesson pack safely: a regular file inside the pack, never a symlink, never too big. */
import { lstatSync, readFileSync, type Stats } from 'node:fs';
import { join } from 'node:path';

/** The file's bytes, or a message: missing, not a regular file, a symlink, too big, unreadable. */
export function readPackFile(packDir: string, name: string, maxBytes: number): Uint8Array | string {
  let stats: Stats;
  try {
    stats = lstatSync(join(packDir, name));
  } catch (error) {
    return isMissing(error) ? 'file is missing' : `cannot read: ${describe(error)}`;
  }
  if (stats.isSymbolicLink()) return 'a symlink; media must be real files inside the lesson folder';
  if (!stats.isFile()) return 'not a regular file';
  if (stats.size > maxBytes) return `${stats.size} bytes, more than the limit of ${maxBytes}`;
  try {
    const bytes = readFileSync(join(packDir, name));
    // The file may have grown between lstat and read.
    return bytes.length > maxBytes ? `${bytes.length} bytes, more than the limit of ${maxBytes}` : bytes;
  } catch (error) {
    return `cannot read: ${describe(error)}`;
  }
}

function isMissing(error: unknown): boolean {
  return error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR');
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
