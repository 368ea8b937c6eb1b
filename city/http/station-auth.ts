/**
 * Signed requests (docs/PROTOCOL.md §3). The signature covers METHOD, PATH (with query), the SHA-256 of
 * the uncompressed body, ts and nonce, and is checked against the station's registered raw key.
 * Unknown, revoked, mismatched or badly signed: one answer, 401 unauthorized, so a caller learns
 * nothing about which station ids exist.
 *
 * ts is logged, never enforced (a station with a wrong clock still syncs). The nonce is logged with
 * whether it is the one the last cursor handed out, but not enforced either: every signed request
 * is idempotent (a cursor read, or a batch whose replay is a duplicate), so a replay changes nothing,
 * and refusing an old nonce would lock out a station whose cursor answer was lost on a bad link.
 *
 * A replay is answered but is not taken as proof of life: a request is `fresh` when it carries the
 * nonce the last cursor handed out, or a ts later than any this station signed before. Only a fresh
 * request moves last_seen_at (and a cursor's nonce), so a captured request replayed from elsewhere
 * cannot make a dead station look alive. A station whose clock went back still has the nonce.
 */
import type { FastifyRequest } from 'fastify';
import { parseAuthorization } from '../../electron/core/sync/protocol/authorization-header';
import { requestSigningText } from '../../electron/core/sync/protocol/signed-messages';
import { sha256HexOfBytes, verifyText } from '../crypto/ed25519';
import type { HubContext } from '../hub-context';
import { findStation } from '../store/station-store';
import type { StationRow } from '../store/station-store';

export interface AuthenticatedStation {
  readonly station: StationRow;
  /** Not a replay (see above): may move last_seen_at. */
  readonly fresh: boolean;
  /** The signed request time (station clock). */
  readonly ts: number;
}

/** Freshness rule of the header comment. */
export function isFreshRequest(station: Pick<StationRow, 'last_nonce' | 'last_request_ts'>, auth: { nonce: string; ts: number }): boolean {
  if (station.last_nonce !== null && auth.nonce === station.last_nonce) return true;
  return station.last_request_ts === null || auth.ts > station.last_request_ts;
}

/** The station that signed this request, or null (answer 401). */
export async function authenticateStation(ctx: HubContext, request: FastifyRequest, pathStationId: string, body: Buffer): Promise<AuthenticatedStation | null> {
  const header = request.headers.authorization;
  const parsed = parseAuthorization(typeof header === 'string' ? header : undefined);
  if (!parsed.ok) {
    request.log.info({ reason: parsed.reason }, 'unauthorized: bad Authorization header');
    return null;
  }
  const auth = parsed.value;
  if (auth.stationId !== pathStationId) {
    request.log.info({ station_id: auth.stationId, path_station_id: pathStationId }, 'unauthorized: id does not match path');
    return null;
  }
  const station = await findStation(ctx.db, auth.stationId);
  if (station === null || station.status !== 'active') {
    request.log.info({ station_id: auth.stationId, status: station?.status ?? 'unknown' }, 'unauthorized: station not active');
    return null;
  }
  const bodyHash = sha256HexOfBytes(request.method === 'GET' ? Buffer.alloc(0) : body);
  const text = requestSigningText(request.method, request.url, bodyHash, auth.ts, auth.nonce);
  if (!verifyText(station.public_key, text, auth.sig)) {
    request.log.info({ station_id: auth.stationId }, 'unauthorized: bad signature');
    return null;
  }
  const fresh = isFreshRequest(station, auth);
  request.log.info(
    { station_id: auth.stationId, ts: auth.ts, clock_skew_ms: ctx.now() - auth.ts, nonce: auth.nonce, nonce_is_current: auth.nonce === station.last_nonce, fresh },
    'signed request',
  );
  return { station, fresh, ts: auth.ts };
}
