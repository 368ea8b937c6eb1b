/**
 * Enrolment (PROTOCOL.md §2). A city administrator issues a one-time code for a station id; only a
 * hash of it is stored. The code is 20 Crockford base-32 characters (100 bits), shown in groups of
 * five, read aloud or typed at the station; spaces, dashes, case and the look-alikes O/I/L are
 * forgiven. A second enrolment of a known station replaces its key and opens epoch + 1 whose chain
 * starts at the head the city acknowledged for the previous epoch.
 */
import { randomInt } from 'node:crypto';
import { ZERO_HASH } from '../../electron/core/sync/protocol/event-hash';
import { wardOfStation } from '../../electron/core/sync/protocol/limits';
import type { EnrolRequest } from '../../electron/core/sync/protocol/wire-schemas';
import { sha256Hex } from '../crypto/ed25519';
import type { HubContext } from '../hub-context';
import { consumeEnrolmentCode, findEpoch, findStation, insertEnrolmentCode, insertStation, startNextEpoch } from '../store/station-store';
import type { HubAnswer } from './apply-batch';

export const ENROLMENT_CODE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Creates a code for `stationId`, stores its hash, and returns the code (shown once). */
export async function issueEnrolmentCode(ctx: HubContext, stationId: string): Promise<{ code: string; expiresAt: number }> {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)] ?? '0').join('');
  const code = chars.match(/.{5}/g)?.join('-') ?? chars;
  const now = ctx.now();
  const expiresAt = now + ENROLMENT_CODE_TTL_MS;
  await insertEnrolmentCode(ctx.db, { stationId, codeHash: hashEnrolmentCode(code), now, expiresAt });
  return { code, expiresAt };
}

/** The stored form of a code: SHA-256 of its normalised text under a domain prefix. */
export function hashEnrolmentCode(code: string): string {
  const normalised = code
    .toUpperCase()
    .replace(/[\s-]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return sha256Hex(`tram-hoc-so/enrolment-code/v1\n${normalised}`);
}

/** Handles a validated enrolment request: 201 with the city's answer, or 403 enrolment_refused. */
export async function enrolStation(ctx: HubContext, request: EnrolRequest): Promise<HubAnswer> {
  const now = ctx.now();
  const epoch = await ctx.db.transaction(async (tx) => {
    const accepted = await consumeEnrolmentCode(tx, { stationId: request.station_id, codeHash: hashEnrolmentCode(request.enrolment_code), now });
    if (!accepted) return null;
    const station = await findStation(tx, request.station_id, true);
    const common = { stationId: request.station_id, publicKey: request.public_key, appVersion: request.app_version, now };
    if (station === null) {
      await insertStation(tx, { ...common, wardCode: wardOfStation(request.station_id), startHash: ZERO_HASH });
      return 1;
    }
    const previous = await findEpoch(tx, request.station_id, station.current_epoch);
    const next = station.current_epoch + 1;
    await startNextEpoch(tx, { ...common, epoch: next, startHash: previous?.head_hash ?? ZERO_HASH });
    return next;
  });
  if (epoch === null) return { status: 403, body: { error: 'enrolment_refused' } };
  return {
    status: 201,
    body: { station_id: request.station_id, city_public_key: ctx.keys.publicKeyB64, learner_key: ctx.keys.learnerKeyB64, epoch },
  };
}
