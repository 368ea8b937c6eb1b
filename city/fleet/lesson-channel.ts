/**
 * The hub's answers to a station's lesson-channel and config checks (docs/PROTOCOL.md §11.2, §11.4).
 */
import { compareAppVersions, isAppVersion } from '../../electron/core/sync/protocol/fleet/app-version';
import type { HubContext } from '../hub-context';
import { currentConfigDocuments } from '../store/fleet-channel-store';
import type { LessonReleaseRow } from '../store/fleet-channel-store';
import { contentKeyFields, fleetContext } from './fleet-context';

/** The newest release a station running `appVersion` may use (every release when the version is unknown). */
async function newestReleaseFor(ctx: HubContext, appVersion: string | null): Promise<LessonReleaseRow | null> {
  const rows = await ctx.db.query<LessonReleaseRow>(
    'SELECT version, manifest, sig, min_app_version, files, total_bytes, published_by, published_at FROM lesson_releases ORDER BY version DESC LIMIT 50',
  );
  if (appVersion === null || !isAppVersion(appVersion)) return rows[0] ?? null;
  return rows.find((row) => isAppVersion(row.min_app_version) && compareAppVersions(row.min_app_version, appVersion) <= 0) ?? null;
}

/** `GET …/lessons?have=N&app=V` → the §11.2 answer. */
export async function lessonChannelAnswer(ctx: HubContext, p: { have: number | null; appVersion: string | null }): Promise<Record<string, unknown>> {
  const fleet = await fleetContext(ctx);
  const release = await newestReleaseFor(ctx, p.appVersion);
  if (release === null) return { ...contentKeyFields(fleet), version: null, up_to_date: true };
  if (p.have !== null && p.have >= release.version) return { ...contentKeyFields(fleet), version: release.version, up_to_date: true };
  return { ...contentKeyFields(fleet), version: release.version, up_to_date: false, manifest: release.manifest, sig: release.sig };
}

/** `GET …/config` → the ward's and the station's newest signed documents (§11.4). */
export async function configAnswer(ctx: HubContext, station: { stationId: string; wardCode: string }): Promise<Record<string, unknown>> {
  const fleet = await fleetContext(ctx);
  const rows = await currentConfigDocuments(ctx.db, station);
  return { ...contentKeyFields(fleet), documents: rows.map((row) => ({ document: row.document, sig: row.sig })) };
}
