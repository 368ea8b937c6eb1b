/**
 * The text a station signs for a sneakernet bundle (docs/PROTOCOL.md §7): the canonical JSON of the bundle
 * object exactly as written, minus `sig`. The hub must hash the object as parsed from the file (unknown
 * fields included), not a re-built one, or a newer station's bundle would never verify.
 */
import { canonicalJson } from './canonical-json';
import type { JsonValue } from './canonical-json';
import { bundleSigningText } from './signed-messages';
import type { Sha256Hex } from './event-hash';

/** Canonical JSON of a bundle object without its `sig` member. */
export function bundleBodyText(bundle: { readonly [key: string]: JsonValue | undefined }): string {
  const { sig: _sig, ...rest } = bundle;
  return canonicalJson(rest);
}

/** The exact text the station's Ed25519 key signs for this bundle. */
export function bundleSignedText(sha256Hex: Sha256Hex, bundle: { readonly [key: string]: JsonValue | undefined }): string {
  return bundleSigningText(sha256Hex(bundleBodyText(bundle)));
}

/** The file name `tram export` writes: `<station_id>-<epoch>-<first>-<last>.tram`. */
export function bundleFileName(stationId: string, epoch: number, firstSeq: number, lastSeq: number): string {
  return `${stationId}-${epoch}-${firstSeq}-${lastSeq}.tram`;
}
