/**
 * What a station must download for a new pack version: files are addressed by their SHA-256, so a
 * file whose content the station already holds (in the pack it runs, the one before, or a download
 * already finished) is copied locally, and each missing content is fetched once even when several
 * paths share it. This is how a one-lesson correction moves only that lesson's changed files.
 */
import type { LessonManifest, ManifestFile } from '../sync/protocol/fleet/lesson-manifest';

export interface PackPlan {
  /** Distinct contents to download, in manifest order of their first use. */
  readonly fetch: readonly { readonly sha256: string; readonly size: number }[];
  /** Files whose content is already on the station. */
  readonly reuse: readonly ManifestFile[];
  readonly fetchBytes: number;
  readonly totalBytes: number;
}

/** Plans a pack from `manifest`, given whether a content hash is held locally. */
export function planPack(manifest: Pick<LessonManifest, 'files'>, isHeld: (sha256: string) => boolean): PackPlan {
  const fetch: { sha256: string; size: number }[] = [];
  const planned = new Set<string>();
  const reuse: ManifestFile[] = [];
  let fetchBytes = 0;
  let totalBytes = 0;
  for (const file of manifest.files) {
    totalBytes += file.size;
    if (isHeld(file.sha256)) {
      reuse.push(file);
      continue;
    }
    if (planned.has(file.sha256)) continue;
    planned.add(file.sha256);
    fetch.push({ sha256: file.sha256, size: file.size });
    fetchBytes += file.size;
  }
  return { fetch, reuse, fetchBytes, totalBytes };
}
