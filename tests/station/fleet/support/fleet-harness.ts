/**
 * Test support for the station's fleet code: lesson pack folders made from the repository's lessons
 * (optionally with recorded narration), publishing a folder on a live hub, an enrolled station data
 * folder with its config file, and signing whatever a test needs with the hub's content key.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../../../electron/core/sync/protocol/canonical-json';
import type { JsonValue } from '../../../../electron/core/sync/protocol/canonical-json';
import { LESSON_MANIFEST_FORMAT, lessonManifestSigningText } from '../../../../electron/core/sync/protocol/fleet/lesson-manifest';
import type { ManifestFile } from '../../../../electron/core/sync/protocol/fleet/lesson-manifest';
import { DEMO_CONFIG } from '../../../../electron/station/config/station-config';
import type { StationConfig } from '../../../../electron/station/config/station-config';
import { enrolStation } from '../../../../electron/station/sync/enrol';
import { fleetContext } from '../../../../city/fleet/fleet-context';
import { readPackFolder } from '../../../../city/fleet/pack-folder';
import { publishLessonRelease } from '../../../../city/fleet/publish-lessons';
import type { HubContext } from '../../../../city/hub-context';
import { putBlob } from '../../../../city/store/fleet-blob-store';
import { sha256 } from '../../../city/fleet/fleet-support';
import { tempDir } from '../../../support/station-db';
import type { LiveHub } from '../../sync/support/live-hub';
import { freshStationId } from '../../sync/support/live-hub';

export const REPO_LESSONS = join(import.meta.dirname, '../../../../lessons');

/** The lesson ids of the repository's pack, in the order of its tracks (tracks.json). */
export function repoLessonIds(): string[] {
  const { tracks } = JSON.parse(readFileSync(join(REPO_LESSONS, 'tracks.json'), 'utf8')) as { tracks: Array<{ lessons: string[] }> };
  return [...new Set(tracks.flatMap((track) => track.lessons))];
}

/** A copy of the repository's lessons (all, or the named ones) in a fresh folder. */
export function packFolder(only?: readonly string[]): { dir: string; cleanup: () => void } {
  const made = tempDir('tram-pack-');
  const ids = only ?? repoLessonIds();
  for (const id of ids) cpSync(join(REPO_LESSONS, id), join(made.dir, id), { recursive: true });
  // The whole pack keeps the repository's tracks.json byte for byte (it is then content the station holds);
  // a part keeps each track with only its own lessons.
  if (only === undefined) cpSync(join(REPO_LESSONS, 'tracks.json'), join(made.dir, 'tracks.json'));
  else {
    const file = JSON.parse(readFileSync(join(REPO_LESSONS, 'tracks.json'), 'utf8')) as { tracks: Array<{ lessons: string[] }> };
    const tracks = file.tracks.map((track) => ({ ...track, lessons: track.lessons.filter((id) => ids.includes(id)) })).filter((track) => track.lessons.length > 0);
    writeFileSync(join(made.dir, 'tracks.json'), `${JSON.stringify({ ...file, tracks }, null, 2)}\n`);
  }
  return made;
}

/** Gives step 1 of a lesson an author's recording of `bytes` pseudo-random bytes (the loader checks only its size). */
export function addNarration(dir: string, lessonId: string, bytes: number, seed = 1): void {
  const lessonFile = join(dir, lessonId, 'lesson.json');
  const lesson = JSON.parse(readFileSync(lessonFile, 'utf8')) as { steps: Array<{ audio?: string }> };
  const audio = Buffer.alloc(bytes);
  let x = seed * 2654435761;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    audio[i] = x >>> 24;
  }
  writeFileSync(join(dir, lessonId, 's1-recording.mp3'), audio);
  lesson.steps[0]!.audio = 's1-recording.mp3';
  writeFileSync(lessonFile, `${JSON.stringify(lesson, null, 2)}\n`);
}

/** Changes one lesson's summary text and bumps its version (a corrected lesson). */
export function correctLesson(dir: string, lessonId: string, note: string): void {
  const file = join(dir, lessonId, 'lesson.json');
  const lesson = JSON.parse(readFileSync(file, 'utf8')) as { version: number; summary: { vi: string; en: string } };
  lesson.version += 1;
  lesson.summary = { vi: `${lesson.summary.vi} ${note}`, en: `${lesson.summary.en} ${note}` };
  writeFileSync(file, `${JSON.stringify(lesson, null, 2)}\n`);
}

/** Publishes a pack folder on the hub (blobs, then the signed release). */
export async function publishFolder(ctx: HubContext, dir: string, minAppVersion = '0.0.0') {
  const folder = await readPackFolder(dir);
  for (const file of folder.files) await putBlob(ctx.db, readFileSync(file.absolutePath), ctx.now());
  return publishLessonRelease(ctx, { files: folder.files.map(({ path, sha256: hash, size }) => ({ path, sha256: hash, size })), minAppVersion, by: 'test' });
}

/** A manifest text signed by the hub's content key (or `sign` to forge one), for attacks the hub would never publish. */
export async function signedManifest(ctx: HubContext, files: ManifestFile[], version: number, options: { minAppVersion?: string; sign?: (text: string) => string } = {}) {
  const manifest = canonicalJson({ format: LESSON_MANIFEST_FORMAT, version, min_app_version: options.minAppVersion ?? '0.0.0', created_ms: 1, files } as unknown as JsonValue);
  const fleet = await fleetContext(ctx);
  const sign = options.sign ?? ((text: string) => fleet.contentKey.sign(text));
  return { manifest, sig: sign(lessonManifestSigningText(sha256(manifest))), content_key: fleet.contentKey.publicKeyB64, content_key_endorsement: fleet.endorsement };
}

export interface EnrolledStation {
  readonly dataDir: string;
  readonly stationId: string;
  readonly configPath: string;
  readonly config: StationConfig;
  cleanup(): void;
}

/** A data folder with a config file naming the live hub, enrolled with it (its ward: the station id's). */
export async function enrolledStation(hub: LiveHub, change: (config: StationConfig) => StationConfig = (config) => config, stationId = freshStationId()): Promise<EnrolledStation> {
  const { dir, cleanup } = tempDir('tram-fleet-station-');
  const wardCode = stationId.slice(0, stationId.lastIndexOf('-'));
  const config = change({ ...DEMO_CONFIG, demoMode: false, hub: { url: hub.url }, station: { ...DEMO_CONFIG.station, id: stationId, name: 'Trạm thử', wardCode } });
  const configPath = join(dir, 'station-config.json');
  writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  await enrolStation({ dataDir: dir, hubUrl: hub.url, stationId, code: await hub.issueCode(stationId), appVersion: '0.1.0' });
  return { dataDir: dir, stationId, configPath, config, cleanup };
}
