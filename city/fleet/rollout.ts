/**
 * Staged rollout of app releases (issue #18 item 5), decided per station on the hub. A release's
 * rollout is a percentage and a list of wards: a station takes part when its ward is listed, or when
 * its bucket — a number 0–9999 from SHA-256 of the release version and the station id — is below
 * percent × 100. The bucket never changes for a (version, station) pair, so raising 10 % to 50 %
 * keeps the first 10 % in and adds stations; a new version draws a new sample, so the same
 * stations are not always the first to try.
 */
import { createHash } from 'node:crypto';
import { compareAppVersions } from '../../electron/core/sync/protocol/fleet/app-version';

export interface Rollout {
  readonly version: string;
  readonly percent: number;
  readonly wards: readonly string[];
}

/** The station's bucket for a version: 0–9999, uniform and stable. */
export function rolloutBucket(stationId: string, version: string): number {
  const digest = createHash('sha256').update(`tram-hoc-so/rollout/v1\n${version}\n${stationId}`, 'utf8').digest();
  return digest.readUInt32BE(0) % 10_000;
}

/** True when the station takes part in this release's rollout. */
export function isInRollout(station: { readonly stationId: string; readonly wardCode: string }, rollout: Rollout): boolean {
  if (rollout.wards.includes(station.wardCode)) return true;
  return rolloutBucket(station.stationId, rollout.version) < Math.round(rollout.percent * 100);
}

/** The newest release this station takes part in, or null (a release without a rollout row reaches nobody). */
export function offeredRelease<R extends { readonly version: string }>(releases: readonly R[], rollouts: readonly Rollout[], station: { readonly stationId: string; readonly wardCode: string }): R | null {
  const byVersion = new Map(rollouts.map((rollout) => [rollout.version, rollout]));
  let best: R | null = null;
  for (const release of releases) {
    const rollout = byVersion.get(release.version);
    if (rollout === undefined || !isInRollout(station, rollout)) continue;
    if (best === null || compareAppVersions(release.version, best.version) > 0) best = release;
  }
  return best;
}
