/**
 * A station's lesson-channel check (issue #18 items 1 and 2, docs/PROTOCOL.md §11.2): ask the source
 * (hub or USB stick), trust the content key only through the city key pinned at enrolment, verify the
 * manifest's signature BEFORE parsing it, refuse what must not run — an older version than the
 * running one (a replay), a version that was rolled back, one that needs a newer app — then install
 * it (pack-install.ts). Switching to it is the switcher's job, when nobody is in a lesson.
 */
import { lessonChannelAnswerSchema } from '../../core/sync/protocol/fleet/fleet-wire';
import { compareAppVersions } from '../../core/sync/protocol/fleet/app-version';
import { FleetError } from '../../core/sync/protocol/fleet/fleet-error';
import { lessonManifestSigningText, parseLessonManifestText } from '../../core/sync/protocol/fleet/lesson-manifest';
import { sha256HexOfBytes, verifySignature } from '../sync/station-crypto';
import type { ChannelSource } from './channel-source';
import { trustContentKey } from './content-key-store';
import { heldContent } from './held-content';
import { installPack } from './pack-install';
import type { PackValidator } from './pack-install';
import type { PackStore } from './pack-store';

export type LessonCheck =
  | { readonly state: 'up_to_date'; readonly version: number | null }
  | { readonly state: 'installed'; readonly version: number; readonly fetchedBytes: number };

export interface LessonCheckOptions {
  readonly dataDir: string;
  readonly store: PackStore;
  readonly source: ChannelSource;
  readonly appVersion: string;
  readonly validate: PackValidator;
  readonly wallMs: () => number;
  readonly signal: AbortSignal;
  readonly onBytes?: (bytes: number) => void;
}

/** Checks the source and installs a newer pack version; throws FleetError for anything refused. */
export async function checkLessonChannel(options: LessonCheckOptions): Promise<LessonCheck> {
  const { store } = options;
  const current = store.currentVersion();
  const parsed = lessonChannelAnswerSchema.safeParse(await options.source.lessons({ have: current, appVersion: options.appVersion }));
  if (!parsed.success) throw new FleetError('hub_bad_answer', `lessons answer: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  const answer = parsed.data;
  const contentKey = trustContentKey(options.dataDir, answer, options.wallMs());
  if (answer.version === null || answer.up_to_date || answer.manifest === undefined || answer.sig === undefined) return { state: 'up_to_date', version: current };
  if (!verifySignature(contentKey, lessonManifestSigningText(sha256HexOfBytes(Buffer.from(answer.manifest, 'utf8'))), answer.sig)) {
    throw new FleetError('bad_signature', `the manifest of version ${answer.version} is not signed by the city content key`);
  }
  const manifest = parseLessonManifestText(answer.manifest);
  if (manifest.version !== answer.version) throw new FleetError('hub_bad_answer', `the answer says version ${answer.version}, the signed manifest ${manifest.version}`);
  if (current !== null && manifest.version < current) throw new FleetError('stale_version', `version ${manifest.version} is older than the running version ${current} (a replayed manifest is never installed)`);
  if (manifest.version === current) return { state: 'up_to_date', version: current };
  if (store.isBad(manifest.version)) throw new FleetError('pack_invalid', `version ${manifest.version} was rolled back on this station; waiting for a newer one`);
  if (compareAppVersions(manifest.min_app_version, options.appVersion) > 0) throw new FleetError('app_too_old', `version ${manifest.version} needs app ${manifest.min_app_version}; this station runs ${options.appVersion}`);
  const { fetchedBytes } = await installPack({
    store,
    dataDir: options.dataDir,
    manifest,
    manifestText: answer.manifest,
    sig: answer.sig,
    source: options.source,
    held: await heldContent(store),
    validate: options.validate,
    signal: options.signal,
    ...(options.onBytes ? { onBytes: options.onBytes } : {}),
  });
  return { state: 'installed', version: manifest.version, fetchedBytes };
}
