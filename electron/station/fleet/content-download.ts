/**
 * Fetches one content (a pack file, named by its SHA-256) into `.objects/<sha256>`, resuming a cut
 * download: the bytes already in `<sha256>.part` are hashed again (streamed), the source is asked for
 * the rest (HTTP Range), and the hash runs over every byte as it arrives — the file is never held in
 * memory. Only a part whose size and hash match the signed manifest is renamed into place; a part
 * that grows past the manifest's size or hashes wrong is deleted and refused (`file_size`,
 * `file_hash`): the source is lying or the bytes were tampered with. A cut keeps the part for next time.
 */
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { FleetError, isFleetError } from '../../core/sync/protocol/fleet/fleet-error';
import type { ChannelSource } from './channel-source';
import { fsyncPath } from './fleet-files';

export interface ContentWant {
  readonly sha256: string;
  readonly size: number;
}

function sizeOf(path: string): number | null {
  try {
    return statSync(path).size;
  } catch {
    return null;
  }
}

/** The path of a downloaded content, or null. */
export function objectPath(objectsDir: string, sha256: string): string | null {
  const path = join(objectsDir, sha256);
  return sizeOf(path) === null ? null : path;
}

/** Downloads (or finishes downloading) a content; returns its path. `onBytes` hears each received chunk. */
export async function fetchContent(source: ChannelSource, objectsDir: string, want: ContentWant, options: { signal: AbortSignal; onBytes?: (bytes: number) => void }): Promise<string> {
  mkdirSync(objectsDir, { recursive: true });
  const final = join(objectsDir, want.sha256);
  if (sizeOf(final) === want.size) return final;
  const part = `${final}.part`;
  let have = sizeOf(part) ?? 0;
  if (have > want.size) {
    rmSync(part, { force: true });
    have = 0;
  }
  const hash = createHash('sha256');
  if (have > 0) for await (const chunk of createReadStream(part, { end: have - 1 })) hash.update(chunk as Buffer);

  let stream;
  try {
    stream = await source.openFile(want.sha256, have, options.signal);
  } catch (error) {
    // The source holds fewer bytes than the part: the part is not of this content.
    if (isFleetError(error, 'file_size')) rmSync(part, { force: true });
    throw error;
  }
  const handle = await open(part, stream.offset === 0 ? 'w' : 'a');
  let written = stream.offset === 0 ? 0 : have;
  const digest = stream.offset === 0 ? createHash('sha256') : hash;
  if (stream.offset !== 0 && stream.offset !== have) {
    await handle.close();
    throw new FleetError('hub_bad_answer', `asked for bytes from ${have}, got bytes from ${stream.offset}`);
  }
  try {
    for await (const chunk of stream.body) {
      if (written + chunk.byteLength > want.size) {
        await handle.close();
        rmSync(part, { force: true });
        throw new FleetError('file_size', `${want.sha256.slice(0, 12)}…: more than the ${want.size} bytes the signed manifest lists`);
      }
      await handle.write(chunk);
      digest.update(chunk);
      written += chunk.byteLength;
      options.onBytes?.(chunk.byteLength);
    }
    await handle.sync();
  } finally {
    await handle.close().catch(() => undefined);
  }
  if (written < want.size) throw new FleetError('hub_unreachable', `${want.sha256.slice(0, 12)}…: the download stopped at ${written} of ${want.size} bytes (it resumes from there)`);
  const actual = digest.digest('hex');
  if (actual !== want.sha256) {
    rmSync(part, { force: true });
    throw new FleetError('file_hash', `${want.sha256.slice(0, 12)}…: the bytes received hash to ${actual.slice(0, 12)}…, not what the signed manifest lists`);
  }
  renameSync(part, final);
  fsyncPath(objectsDir);
  return final;
}
