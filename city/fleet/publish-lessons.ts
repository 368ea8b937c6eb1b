/**
 * Publishing a lesson pack version (issue #18 item 1, docs/PROTOCOL.md §11.2). The files are stored
 * as blobs first; this then checks that each one is stored with its size, builds the manifest (every
 * rule a station will check: paths, order, limits), signs it with the content key and records it
 * under the next version, all in one transaction. What the files mean — lesson.json, SVG safety,
 * audio sizes — was checked by the pack loader before the upload (the CLI wires it in) and is checked
 * again by every station before it switches.
 *
 * Publishing exactly the newest release again (the same files and the same minimum app version: a
 * form sent twice, a command run twice) publishes nothing and answers with that release and
 * `unchanged: true`, so stations are not sent a new version with nothing new in it.
 */
import { canonicalJson } from '../../electron/core/sync/protocol/canonical-json';
import { isAppVersion } from '../../electron/core/sync/protocol/fleet/app-version';
import { FleetError } from '../../electron/core/sync/protocol/fleet/fleet-error';
import { checkLessonManifest, LESSON_MANIFEST_FORMAT, lessonManifestSigningText, manifestBytes, parseLessonManifestText } from '../../electron/core/sync/protocol/fleet/lesson-manifest';
import type { LessonManifest } from '../../electron/core/sync/protocol/fleet/lesson-manifest';
import { sha256Hex } from '../crypto/ed25519';
import type { HubContext } from '../hub-context';
import type { Actor } from '../store/audit-store';
import { writeAudit } from '../store/audit-store';
import { findBlob } from '../store/fleet-blob-store';
import { insertLessonRelease, latestLessonRelease, nextReleaseVersion } from '../store/fleet-channel-store';
import { fleetContext } from './fleet-context';

export interface PublishedRelease {
  readonly version: number;
  readonly files: number;
  readonly bytes: number;
  readonly manifest_sha256: string;
  /** True when the newest release already held exactly this pack: nothing was published. */
  readonly unchanged: boolean;
}

/** Signs and records the next release over stored blobs. Throws FleetError for a pack a station would refuse. */
export async function publishLessonRelease(
  ctx: HubContext,
  p: { files: readonly { path: string; sha256: string; size: number }[]; minAppVersion: string; by: string; actor?: Actor },
): Promise<PublishedRelease> {
  if (!isAppVersion(p.minAppVersion)) throw new FleetError('manifest_malformed', `min_app_version: "${p.minAppVersion.slice(0, 40)}" is not an app version like 1.2.3`);
  const files = [...p.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map((file) => ({ path: file.path, sha256: file.sha256, size: file.size }));
  // Checked before a version is taken: a refused pack leaves no trace.
  checkLessonManifest({ format: LESSON_MANIFEST_FORMAT, version: 1, min_app_version: p.minAppVersion, created_ms: 0, files });
  for (const file of files) {
    const blob = await findBlob(ctx.db, file.sha256);
    if (blob === null) throw new FleetError('file_missing', `${file.path}: its content ${file.sha256.slice(0, 12)}… is not stored on the hub`);
    if (blob.size !== file.size) throw new FleetError('file_size', `${file.path}: stored with ${blob.size} bytes, listed with ${file.size}`);
  }
  const fleet = await fleetContext(ctx);
  return ctx.db.transaction(async (tx) => {
    const version = await nextReleaseVersion(tx);
    const newest = await latestLessonRelease(tx);
    if (newest !== null) {
      const held = parseLessonManifestText(newest.manifest);
      if (held.min_app_version === p.minAppVersion && canonicalJson(held.files) === canonicalJson(files)) {
        return { version: held.version, files: held.files.length, bytes: manifestBytes(held), manifest_sha256: sha256Hex(newest.manifest), unchanged: true };
      }
    }
    const manifest: LessonManifest = { format: LESSON_MANIFEST_FORMAT, version, min_app_version: p.minAppVersion, created_ms: ctx.now(), files };
    const text = canonicalJson(manifest);
    const manifestSha256 = sha256Hex(text);
    await insertLessonRelease(tx, {
      version,
      manifest: text,
      sig: fleet.contentKey.sign(lessonManifestSigningText(manifestSha256)),
      min_app_version: p.minAppVersion,
      files: files.length,
      total_bytes: manifestBytes(manifest),
      published_by: p.by,
      published_at: ctx.now(),
    });
    if (p.actor !== undefined) {
      const detail = `${files.length} files, ${manifestBytes(manifest)} bytes, app >= ${p.minAppVersion}, manifest ${manifestSha256.slice(0, 16)}`;
      await writeAudit(tx, { actor: p.actor, action: 'lessons.publish', target: `v${version}`, detail, at: ctx.now() });
    }
    return { version, files: files.length, bytes: manifestBytes(manifest), manifest_sha256: manifestSha256, unchanged: false };
  });
}
