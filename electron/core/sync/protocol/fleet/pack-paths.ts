/**
 * Which file names a lesson pack may carry (docs/PROTOCOL.md §11.2). A manifest names every file of a
 * pack folder by its path relative to the folder, and the station writes each file under that path:
 * a name that climbs out (`..`), starts at a root (`/x`, `C:\x`, `\\server`), hides (`.x`), carries a
 * control character or a Windows-reserved name, or collides with another name on a case-insensitive
 * file system (FAT on a USB stick, NTFS) is refused before any byte is written. Any file type and any
 * depth up to MAX_PATH_DEPTH is allowed: the pack loader is the last gate for what the files mean.
 */

/** Segments of a pack path: letters, digits, `_`, `-`, `.`; never starting with a dot. */
const SEGMENT = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;
/** Names Windows refuses or maps to devices, with or without an extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$/i;

export const MAX_PATH_LENGTH = 240;
export const MAX_PATH_DEPTH = 6;

/** Why a pack path is refused, or null when it is acceptable. */
export function packPathProblem(path: string): string | null {
  if (path.length === 0) return 'empty path';
  if (path.length > MAX_PATH_LENGTH) return `longer than ${MAX_PATH_LENGTH} characters`;
  if (path.includes('\\')) return 'contains a backslash';
  if (path.startsWith('/')) return 'absolute path';
  const segments = path.split('/');
  if (segments.length > MAX_PATH_DEPTH) return `deeper than ${MAX_PATH_DEPTH} folders`;
  for (const segment of segments) {
    if (segment === '' ) return 'empty folder name (// or a trailing /)';
    if (segment === '.' || segment === '..') return 'path traversal (. or ..)';
    if (!SEGMENT.test(segment)) return `name "${segment.slice(0, 40)}" has characters outside A–Z a–z 0–9 _ - . or starts with a dot`;
    if (segment.endsWith('.')) return `name "${segment.slice(0, 40)}" ends with a dot`;
    if (WINDOWS_RESERVED.test(segment)) return `name "${segment.slice(0, 40)}" is reserved on Windows`;
  }
  return null;
}

/**
 * The first problem of a list of pack paths taken together: a path that is also a folder of another
 * (`a` and `a/b`), or two names equal once case is ignored. Null when the set is consistent.
 */
export function packPathSetProblem(paths: readonly string[]): { readonly path: string; readonly problem: string } | null {
  const folded = new Map<string, string>();
  const folders = new Set<string>();
  for (const path of paths) {
    const segments = path.split('/');
    for (let depth = 1; depth < segments.length; depth++) folders.add(segments.slice(0, depth).join('/').toLowerCase());
  }
  for (const path of paths) {
    const key = path.toLowerCase();
    const other = folded.get(key);
    if (other !== undefined) return { path, problem: other === path ? 'listed twice' : `same name as ${other} when case is ignored` };
    folded.set(key, path);
    if (folders.has(key)) return { path, problem: 'is both a file and a folder' };
  }
  return null;
}
