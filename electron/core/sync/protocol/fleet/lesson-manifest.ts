/**
 * The signed lesson-pack manifest (docs/PROTOCOL.md §11.2): every file of a pack folder with its
 * SHA-256 and size, the pack version and the oldest app version that may run it. It travels as its
 * canonical JSON text, and the city content key signs `lessonManifestSigningText(sha256(text))`, so
 * the station checks the signature over exactly the bytes it parses.
 *
 * Every rule a station relies on before it writes a byte is checked here: the paths (pack-paths.ts),
 * strictly ascending order (so no path is listed twice), hex hashes, sizes within the limits, and the
 * totals. The meaning of the files (lesson.json, SVG safety, audio sizes) is the pack loader's job on
 * the station, which runs after the hashes and before the switch.
 */
import { z } from 'zod';
import { HEX64_PATTERN } from '../limits';
import { isAppVersion } from './app-version';
import { FleetError } from './fleet-error';
import { packPathProblem, packPathSetProblem } from './pack-paths';

export const LESSON_MANIFEST_FORMAT = 'tram-hoc-so/lesson-pack/v1';
/** More files than a pack of a few hundred lessons with narration would ever need. */
export const MAX_PACK_FILES = 4000;
/** One file: a long narration recording is a few MB; anything near this is a mistake. */
export const MAX_PACK_FILE_BYTES = 32 * 1024 * 1024;
/** A whole pack: a station's disk and a 2G link must cope with it. */
export const MAX_PACK_BYTES = 512 * 1024 * 1024;
/** The manifest text itself (4000 entries of ~150 bytes). */
export const MAX_MANIFEST_BYTES = 1024 * 1024;

const fileSchema = z
  .object({
    path: z.string().max(300),
    sha256: z.string().regex(HEX64_PATTERN, 'expected 64 lowercase hex digits'),
    size: z.int().min(0).max(MAX_PACK_FILE_BYTES, `more than the limit of ${MAX_PACK_FILE_BYTES} bytes per file`),
  })
  .strict();

export const lessonManifestSchema = z
  .object({
    format: z.literal(LESSON_MANIFEST_FORMAT),
    version: z.int().min(1).max(1_000_000_000),
    min_app_version: z.string().refine(isAppVersion, 'expected an app version like 1.2.3'),
    created_ms: z.int().min(0),
    files: z.array(fileSchema).min(1).max(MAX_PACK_FILES, `more than ${MAX_PACK_FILES} files`),
  })
  .strict();

export type LessonManifest = z.infer<typeof lessonManifestSchema>;
export type ManifestFile = LessonManifest['files'][number];

/** Ed25519 is over this text: a domain prefix and the hex SHA-256 of the manifest's exact bytes. */
export function lessonManifestSigningText(manifestSha256Hex: string): string {
  return `tram-hoc-so/lesson-manifest/v1\n${manifestSha256Hex}`;
}

/** Total bytes of the files a manifest lists. */
export function manifestBytes(manifest: Pick<LessonManifest, 'files'>): number {
  return manifest.files.reduce((sum, file) => sum + file.size, 0);
}

/**
 * Checks an already parsed manifest object (fields, paths, order, totals). Throws FleetError
 * `manifest_malformed`, `manifest_path` or `manifest_limit` naming the field or the path.
 */
export function checkLessonManifest(value: unknown): LessonManifest {
  const parsed = lessonManifestSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined || issue.path.length === 0 ? 'manifest' : issue.path.map(String).join('.');
    const isLimit = issue?.code === 'too_big';
    throw new FleetError(isLimit ? 'manifest_limit' : 'manifest_malformed', `${field}: ${issue?.message ?? 'invalid'}`);
  }
  const manifest = parsed.data;
  let previous = '';
  for (const [index, file] of manifest.files.entries()) {
    const problem = packPathProblem(file.path);
    if (problem !== null) throw new FleetError('manifest_path', `files.${index}.path "${file.path.slice(0, 100)}": ${problem}`);
    if (index > 0 && !(previous < file.path)) throw new FleetError('manifest_malformed', `files.${index}.path "${file.path}": files must be sorted by path with none twice`);
    previous = file.path;
  }
  const clash = packPathSetProblem(manifest.files.map((file) => file.path));
  if (clash !== null) throw new FleetError('manifest_path', `"${clash.path}": ${clash.problem}`);
  const total = manifestBytes(manifest);
  if (total > MAX_PACK_BYTES) throw new FleetError('manifest_limit', `the pack holds ${total} bytes, more than the limit of ${MAX_PACK_BYTES}`);
  return manifest;
}

/** Parses manifest text (as signed). Throws FleetError for text that is not a valid manifest. */
export function parseLessonManifestText(text: string): LessonManifest {
  if (text.length > MAX_MANIFEST_BYTES) throw new FleetError('manifest_limit', `the manifest is longer than ${MAX_MANIFEST_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FleetError('manifest_malformed', 'manifest: not valid JSON');
  }
  return checkLessonManifest(value);
}
