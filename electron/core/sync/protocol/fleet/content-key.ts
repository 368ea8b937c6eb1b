/**
 * The city content key (docs/PROTOCOL.md §11.1): a second Ed25519 key of the city, apart from the
 * receipt key, that signs lesson manifests, station config documents and app release statements.
 * Stations enrolled under version 1.3 get it in the enrolment answer; every fleet answer also carries
 * it with an endorsement, the receipt key's signature over `contentKeyEndorsementText(key)`, so a
 * station enrolled before 1.2 (which pinned only the receipt key) can pin it without a new enrolment,
 * and a city that replaces its content key reaches every station the same way.
 */

/** The text the city receipt key signs to vouch for a content key (b64 of its raw 32 bytes). */
export function contentKeyEndorsementText(contentPublicKeyB64: string): string {
  return `tram-hoc-so/content-key/v1\n${contentPublicKeyB64}`;
}

/** The text the content key signs for one installer of an app release (sha512 as b64, like latest.yml). */
export function appReleaseSigningText(release: { readonly version: string; readonly platform: string; readonly file: string; readonly sha512: string; readonly size: number }): string {
  return `tram-hoc-so/app-release/v1\n${release.platform}\n${release.version}\n${release.file}\n${release.sha512}\n${release.size}`;
}
