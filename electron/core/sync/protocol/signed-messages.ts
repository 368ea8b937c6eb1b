/**
 * The byte strings that are signed with Ed25519 in docs/PROTOCOL.md §3 (requests), §5 (receipts) and §7
 * (sneakernet bundles). Only the texts live here; signing and verifying are done by the hosts.
 */

/** §3: METHOD\nPATH\nhex(SHA-256(body))\nts\nnonce — PATH includes the query string. */
export function requestSigningText(method: string, path: string, bodySha256Hex: string, ts: number, nonce: string): string {
  return `${method.toUpperCase()}\n${path}\n${bodySha256Hex}\n${ts}\n${nonce}`;
}

/** §5: the text the city signs in every receipt. */
export function receiptText(stationId: string, epoch: number, ackedSeq: number, headHash: string, serverTimeMs: number): string {
  return `tram-hoc-so/receipt/v1\n${stationId}\n${epoch}\n${ackedSeq}\n${headHash}\n${serverTimeMs}`;
}

/** §7: the text a station signs for a bundle, given hex SHA-256 of the canonical JSON without `sig`. */
export function bundleSigningText(canonicalBodySha256Hex: string): string {
  return `tram-hoc-so/bundle/v1\n${canonicalBodySha256Hex}`;
}
