/**
 * Limits and formats of docs/PROTOCOL.md §2–§5 shared by the station and the hub. A batch above either
 * limit is answered `413 too_large`; the station halves it and tries again.
 */
export const PROTOCOL_VERSION = 1;

/** At most this many events in one upload batch (§5). */
export const MAX_BATCH_EVENTS = 500;

/** At most this many bytes of uncompressed request body (§5: 1 MiB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/** §2: a station id, by convention `<ward code>-<number>`. */
export const STATION_ID_PATTERN = /^[A-Z0-9][A-Z0-9-]{2,39}$/;

/** Lowercase hex SHA-256 (event hashes, learner keys). */
export const HEX64_PATTERN = /^[0-9a-f]{64}$/;

/** §4: `<13-digit ms>-<4-digit counter>`. */
export const HLC_PATTERN = /^\d{13}-\d{4}$/;

/** §4: UUID v4 or v7 (any case, as long as the version nibble is 4 or 7). */
export const EVENT_ID_PATTERN = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[47][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/;

/** The ward a station belongs to: its id up to the last `-` (`06688-01` → `06688`). */
export function wardOfStation(stationId: string): string {
  const cut = stationId.lastIndexOf('-');
  return cut > 0 ? stationId.slice(0, cut) : stationId;
}
