/**
 * The electron-updater "generic" feed the hub serves (issue #18 item 5): for each station a folder
 * `/v1/app-feed/<station_id>/<token>/` holding `latest.yml` (Windows) or `latest-linux.yml` (Linux)
 * and the installer those files name. The channel file is the one electron-builder writes: the
 * version, the file with its SHA-512 (base64) and size, and `path`/`sha512` repeated at the top
 * level for older updaters. electron-updater downloads the file and checks the SHA-512 itself.
 *
 * The token is an HMAC of the station id under a secret in the hub's database, so the address of a
 * station's feed cannot be guessed from its id; a station learns it from the signed app-update answer.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface FeedRelease {
  readonly version: string;
  readonly file: string;
  readonly sha512_b64: string;
  readonly size: number;
  readonly uploaded_at: number;
}

/** The channel file electron-updater asks for on each platform (x64). */
export const CHANNEL_FILES = { win32: 'latest.yml', linux: 'latest-linux.yml' } as const;

/** The station's feed token (32 hex). */
export function feedToken(feedSecretHex: string, stationId: string): string {
  return createHmac('sha256', Buffer.from(feedSecretHex, 'hex')).update(`tram-hoc-so/app-feed/v1\n${stationId}`, 'utf8').digest('hex').slice(0, 32);
}

/** True when `token` is the station's feed token (constant time). */
export function isFeedToken(feedSecretHex: string, stationId: string, token: string): boolean {
  const expected = Buffer.from(feedToken(feedSecretHex, stationId));
  const given = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The feed folder of a station, as the signed answer gives it. */
export function feedPath(feedSecretHex: string, stationId: string): string {
  return `/v1/app-feed/${stationId}/${feedToken(feedSecretHex, stationId)}/`;
}

/**
 * The channel file text. Every value is from a closed alphabet (semver, file names of
 * `[A-Za-z0-9._-]`, base64, an ISO date in quotes), so plain YAML scalars are safe.
 */
export function channelFileText(release: FeedRelease): string {
  return [
    `version: ${release.version}`,
    'files:',
    `  - url: ${release.file}`,
    `    sha512: ${release.sha512_b64}`,
    `    size: ${release.size}`,
    `path: ${release.file}`,
    `sha512: ${release.sha512_b64}`,
    `releaseDate: '${new Date(release.uploaded_at).toISOString()}'`,
    '',
  ].join('\n');
}
