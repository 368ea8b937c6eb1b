/**
 * App releases on the hub (issue #18 item 5, docs/PROTOCOL.md §11.6). An administrator uploads an
 * installer (stored as a blob) and names its version and platform; the hub signs a release statement
 * with the content key — the station installs only what electron-updater downloaded AND the statement
 * names (version and SHA-512), so a hub database changed behind the administrators' back cannot push
 * an installer. The rollout (percentage, wards) decides per station which release it is offered.
 */
import { appReleaseSigningText } from '../../electron/core/sync/protocol/fleet/content-key';
import { isAppVersion } from '../../electron/core/sync/protocol/fleet/app-version';
import { FleetError } from '../../electron/core/sync/protocol/fleet/fleet-error';
import type { AppRelease, UpdatePlatform } from '../../electron/core/sync/protocol/fleet/fleet-wire';
import type { HubContext } from '../hub-context';
import { listAppReleases, listRollouts, setRollout, upsertAppRelease } from '../store/fleet-app-store';
import type { AppReleaseRow } from '../store/fleet-app-store';
import { findBlob } from '../store/fleet-blob-store';
import { feedPath } from './app-feed';
import { fleetContext } from './fleet-context';
import { offeredRelease } from './rollout';

const FILE_NAME = /^[A-Za-z0-9._-]{1,200}$/;

/** Records an uploaded installer as a release and signs its statement. */
export async function registerAppRelease(
  ctx: HubContext,
  p: { version: string; platform: UpdatePlatform; file: string; sha256: string; by: string },
): Promise<AppReleaseRow> {
  if (!isAppVersion(p.version)) throw new FleetError('manifest_malformed', `version: "${p.version.slice(0, 40)}" is not an app version like 1.2.3`);
  if (!FILE_NAME.test(p.file)) throw new FleetError('manifest_path', `file: "${p.file.slice(0, 60)}" must be a plain file name (A–Z a–z 0–9 . _ -)`);
  const blob = await findBlob(ctx.db, p.sha256);
  if (blob === null) throw new FleetError('file_missing', `the installer ${p.sha256.slice(0, 12)}… is not stored on the hub`);
  const fleet = await fleetContext(ctx);
  const statement = { version: p.version, platform: p.platform, file: p.file, sha512: blob.sha512_b64, size: blob.size };
  const row: AppReleaseRow = {
    platform: p.platform,
    version: p.version,
    file: p.file,
    blob_sha256: blob.sha256,
    sha512_b64: blob.sha512_b64,
    size: blob.size,
    sig: fleet.contentKey.sign(appReleaseSigningText(statement)),
    uploaded_at: ctx.now(),
  };
  await upsertAppRelease(ctx.db, { ...row, uploaded_by: p.by });
  return row;
}

/** Sets a version's rollout: a percentage (0–100) and wards that take it whatever their bucket. */
export async function setAppRollout(ctx: HubContext, p: { version: string; percent: number; wards: readonly string[]; by: string }): Promise<void> {
  if (!isAppVersion(p.version)) throw new FleetError('manifest_malformed', `version: "${p.version.slice(0, 40)}" is not an app version`);
  if (!Number.isFinite(p.percent) || p.percent < 0 || p.percent > 100 || !Number.isInteger(p.percent)) throw new FleetError('manifest_malformed', 'percent: a whole number 0–100');
  const bad = p.wards.find((ward) => !/^\d{5}$/.test(ward));
  if (bad !== undefined) throw new FleetError('manifest_malformed', `wards: "${bad.slice(0, 20)}" is not a 5-digit ward code`);
  const known = (await listAppReleases(ctx.db)).some((release) => release.version === p.version);
  if (!known) throw new FleetError('file_missing', `no installer uploaded for version ${p.version}`);
  await setRollout(ctx.db, { version: p.version, percent: p.percent, wards: [...p.wards], by: p.by, now: ctx.now() });
}

/** The release (with its statement) the rollout offers a station on a platform, or null. */
export async function offeredAppRelease(ctx: HubContext, station: { stationId: string; wardCode: string }, platform: UpdatePlatform): Promise<AppReleaseRow | null> {
  const [releases, rollouts] = await Promise.all([listAppReleases(ctx.db, platform), listRollouts(ctx.db)]);
  return offeredRelease(releases, rollouts, station);
}

/** The signed app-update answer for a station (docs/PROTOCOL.md §11.6). */
export async function appUpdateAnswer(ctx: HubContext, station: { stationId: string; wardCode: string }, platform: UpdatePlatform): Promise<{ feed_path: string; release: AppRelease | null }> {
  const fleet = await fleetContext(ctx);
  const offered = await offeredAppRelease(ctx, station, platform);
  return {
    feed_path: feedPath(fleet.feedSecret, station.stationId),
    release: offered === null ? null : { version: offered.version, platform: offered.platform, file: offered.file, sha512: offered.sha512_b64, size: offered.size, sig: offered.sig },
  };
}
