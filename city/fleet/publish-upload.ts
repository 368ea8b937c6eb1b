/**
 * Publishing a lesson pack folder uploaded from the officials' page (issue #18 item 1). It passes the
 * same gates as `tram city publish-lessons DIR`, in the same order: the file names (pack-paths.ts,
 * checked before a byte is written to disk), the manifest limits, then the folder written to a
 * private temporary folder and read back by readPackFolder and the stations' pack loader (the
 * `validatePack` hook, which the hub may not import itself), and only then the blobs and the signed
 * release (publishLessonRelease). A refusal at any gate stores nothing and publishes nothing.
 */
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { FleetError } from '../../electron/core/sync/protocol/fleet/fleet-error';
import { checkLessonManifest, LESSON_MANIFEST_FORMAT } from '../../electron/core/sync/protocol/fleet/lesson-manifest';
import { packPathProblem, packPathSetProblem } from '../../electron/core/sync/protocol/fleet/pack-paths';
import type { HubContext } from '../hub-context';
import type { Actor } from '../store/audit-store';
import { putBlob } from '../store/fleet-blob-store';
import { isSystemClutter } from './pack-folder';
import { readPackFolder } from './pack-folder';
import { publishLessonRelease } from './publish-lessons';
import type { PublishedRelease } from './publish-lessons';

/**
 * The largest upload the page takes (the whole multipart body, buffered in memory): eight times the
 * shipped curriculum (about 8 MB). A bigger pack goes through `tram city publish-lessons DIR`, which
 * streams it in 256 KiB chunks up to the manifest's 512 MiB.
 */
export const MAX_PACK_UPLOAD_BYTES = 64 * 1024 * 1024;

/** What the stations' pack loader finds wrong with a pack folder (empty: every lesson loads). */
export type PackValidator = (dir: string) => readonly string[];

export interface UploadedPackFile {
  /** The name the browser sent: for a chosen folder, `<folder>/<path in the pack>`. */
  readonly name: string;
  readonly bytes: Buffer;
}

export type UploadOutcome =
  | { readonly ok: true; readonly release: PublishedRelease; readonly skipped: readonly string[]; readonly message: string }
  | { readonly ok: false; readonly status: 400; readonly message: string; readonly problems: readonly string[] };

const refused = (vi: string, en: string, problems: readonly string[] = []): UploadOutcome => ({ ok: false, status: 400, message: `${vi}; chưa phát hành gì · ${en}; nothing was published`, problems });

/**
 * The paths inside the pack: a folder upload names every file under the chosen folder, so that
 * first folder is taken off when every name shares it; names with a part that is system clutter
 * (.DS_Store, .git, Thumbs.db, desktop.ini) are left out, as readPackFolder leaves them out.
 */
export function packPaths(names: readonly string[]): { paths: (string | null)[]; skipped: string[] } | { problem: string } {
  const firsts = new Set(names.map((name) => (name.includes('/') ? name.slice(0, name.indexOf('/')) : null)));
  const root = firsts.size === 1 ? [...firsts][0] : null;
  if (root === '' || root === '.' || root === '..') return { problem: `"${root}/": path traversal or an empty folder name` };
  const skipped: string[] = [];
  const paths = names.map((name) => {
    const path = root === null || root === undefined ? name : name.slice(root.length + 1);
    const parts = path.split('/');
    // A name with . or .. in it is never skipped: it is refused as traversal.
    if (!parts.includes('.') && !parts.includes('..') && parts.some(isSystemClutter)) {
      skipped.push(path);
      return null;
    }
    return path;
  });
  return { paths, skipped: skipped.sort() };
}

/** Checks, stores, signs and publishes an uploaded pack as the next release (or the same one again: `unchanged`). */
export async function publishUploadedPack(
  ctx: HubContext,
  p: { files: readonly UploadedPackFile[]; minAppVersion: string; actor: Actor; validatePack: PackValidator },
): Promise<UploadOutcome> {
  if (p.files.length === 0) return refused('Chưa chọn thư mục bài học nào', 'no lessons folder was chosen');
  const named = packPaths(p.files.map((file) => file.name));
  if ('problem' in named) return refused('Tên tệp không hợp lệ', 'a file name is not allowed', [named.problem]);
  const files = p.files.flatMap((file, index) => {
    const path = named.paths[index];
    return path === null || path === undefined ? [] : [{ path, bytes: file.bytes, sha256: createHash('sha256').update(file.bytes).digest('hex'), size: file.bytes.byteLength }];
  });
  const nameProblems = files.flatMap(({ path }) => {
    const problem = packPathProblem(path);
    return problem === null ? [] : [`${path.slice(0, 120)}: ${problem}`];
  });
  const clash = packPathSetProblem(files.map((file) => file.path));
  if (clash !== null) nameProblems.push(`${clash.path}: ${clash.problem}`);
  if (nameProblems.length > 0) return refused('Tên tệp không hợp lệ (chỉ dùng A–Z a–z 0–9 _ - ., không có "..")', 'file names the stations would refuse', nameProblems);
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  try {
    checkLessonManifest({ format: LESSON_MANIFEST_FORMAT, version: 1, min_app_version: p.minAppVersion, created_ms: 0, files: files.map(({ path, sha256, size }) => ({ path, sha256, size })) });
  } catch (error) {
    if (!(error instanceof FleetError)) throw error;
    return error.code === 'manifest_limit'
      ? refused('Gói bài học vượt giới hạn (số tệp hoặc dung lượng)', 'the pack is over a limit', [error.message])
      : refused('Gói bài học không hợp lệ (phiên bản ứng dụng có dạng 1.2.3)', 'the pack is not valid', [error.message]);
  }

  const dir = await mkdtemp(join(tmpdir(), 'tram-pack-upload-'));
  try {
    for (const file of files) {
      await mkdir(dirname(join(dir, file.path)), { recursive: true });
      await writeFile(join(dir, file.path), file.bytes, { flag: 'wx', mode: 0o600 });
    }
    const folder = await readPackFolder(dir);
    const problems = [...folder.problems, ...p.validatePack(dir)];
    if (problems.length > 0) return refused('Bài học không qua được kiểm tra của trạm', "the stations' pack loader refuses it", problems);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  for (const file of files) await putBlob(ctx.db, file.bytes, ctx.now());
  let release: PublishedRelease;
  try {
    release = await publishLessonRelease(ctx, { files, minAppVersion: p.minAppVersion, by: p.actor.name, actor: p.actor });
  } catch (error) {
    if (!(error instanceof FleetError)) throw error;
    return refused('Hub không phát hành được gói này', 'the hub could not publish this pack', [error.message]);
  }
  const message = release.unchanged
    ? `Phiên bản ${release.version} đã có đúng gói này, không phát hành thêm · version ${release.version} already holds exactly this pack; nothing new was published`
    : `Đã phát hành phiên bản ${release.version}: ${release.files} tệp · published version ${release.version}: ${release.files} files`;
  return { ok: true, release, skipped: named.skipped, message };
}
