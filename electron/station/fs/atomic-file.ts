/**
 * The station's one way to replace a file so that a power cut, a crash or a USB stick pulled
 * mid-write never leaves half a file under the final name: write a temporary file beside it, flush it
 * to the device, rename it over the final name, then flush the folder entry (POSIX) so the rename
 * itself survives a power cut.
 *
 * The temporary file gets an unpredictable name and is created exclusively without following a
 * symbolic link (`wx` + O_NOFOLLOW), so a hostile USB stick cannot pre-place a link at the temporary
 * name that points at station.sqlite or keys.json and have this write through it. rename() replaces
 * a link at the final name with the file itself; it never writes through it.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, constants, fsyncSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** File mode of the new file (e.g. 0o600 for secrets). */
  readonly mode?: number;
}

// O_NOFOLLOW does not exist on Windows (constants.O_NOFOLLOW is undefined there); 'wx' still refuses
// an existing name, link or not, which is what matters for a random temporary name.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;
const CREATE_EXCLUSIVE = constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | NO_FOLLOW;

/** Writes `data` to `path` atomically and durably. Throws the file system's error (with `code`). */
export function writeFileAtomic(path: string, data: string | Uint8Array, options: AtomicWriteOptions = {}): void {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString('hex')}.tmp`);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let created = false;
  try {
    const fd = openSync(temp, CREATE_EXCLUSIVE, options.mode ?? 0o644);
    created = true;
    try {
      let offset = 0;
      while (offset < bytes.byteLength) offset += writeSync(fd, bytes, offset, bytes.byteLength - offset);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
    created = false;
    syncFolder(dirname(path));
  } catch (error) {
    if (created) rmSync(temp, { force: true });
    throw error;
  }
}

/** Flushes a folder's entries (the rename) to the device; Windows has no such call and needs none. */
function syncFolder(dir: string): void {
  if (process.platform === 'win32') return;
  let fd: number | null = null;
  try {
    fd = openSync(dir, 'r');
    fsyncSync(fd);
  } catch {
    // Some file systems (FAT on a USB stick) refuse fsync on a folder; the file itself is flushed.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
