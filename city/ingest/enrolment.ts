/**
 * Enrolment (docs/PROTOCOL.md §2). A city administrator issues a one-time code for a station id; only a
 * hash of it is stored. The code is 20 Crockford base-32 characters (100 bits), shown in groups of
 * five, read aloud or typed at the station; spaces, dashes, case and the look-alikes O/I/L are
 * forgiven. A second enrolment of a known station replaces its key and opens epoch + 1 whose chain
 * starts at the head the city acknowledged for the previous epoch.
 *
 * docs/PROTOCOL.md §9: the station may declare its local epochs with their start hashes. Declared
 * epochs the hub does not have yet (opened by a restore on the station) are created as they are, so
 * their events can be delivered; the newest declared epoch then becomes the current one instead of a
 * new epoch + 1. A declared epoch that differs from the hub's epoch of that number is another history
 * (a clone): the enrolment is refused with 409 epoch_conflict and nothing changes, the code included.
 */
import { randomInt } from 'node:crypto';
import { ZERO_HASH } from '../../electron/core/sync/protocol/event-hash';
import { wardOfStation } from '../../electron/core/sync/protocol/limits';
import type { DeclaredEpoch, EnrolRequest } from '../../electron/core/sync/protocol/wire-schemas';
import type { SqlExecutor } from '../db/hub-database';
import { sha256Hex } from '../crypto/ed25519';
import { fleetContext } from '../fleet/fleet-context';
import type { HubContext } from '../hub-context';
import {
  consumeEnrolmentCode,
  findEpoch,
  findStation,
  holdsHash,
  insertDeclaredEpoch,
  insertEnrolmentCode,
  insertStation,
  listEpochs,
  makeCurrent,
  reportReview,
  startNextEpoch,
} from '../store/station-store';
import type { HubAnswer } from './apply-batch';

export const ENROLMENT_CODE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** Creates a code for `stationId`, stores its hash, and returns the code (shown once). */
export async function issueEnrolmentCode(ctx: HubContext, stationId: string, db: SqlExecutor = ctx.db): Promise<{ code: string; expiresAt: number }> {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)] ?? '0').join('');
  const code = chars.match(/.{5}/g)?.join('-') ?? chars;
  const now = ctx.now();
  const expiresAt = now + ENROLMENT_CODE_TTL_MS;
  await insertEnrolmentCode(db, { stationId, codeHash: hashEnrolmentCode(code), now, expiresAt });
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

class EpochConflict extends Error {
  constructor(readonly epoch: number) {
    super(`declared epoch ${epoch} differs from the hub's`);
  }
}

/**
 * Why a station id cannot belong to this hub (its ward, the id up to the last dash, is not a unit of
 * the hub's province), in Vietnamese and English; null when it can (or the hub has no province).
 */
export async function stationWardProblem(ctx: HubContext, stationId: string): Promise<string | null> {
  const wards = await ctx.wards();
  const ward = wardOfStation(stationId);
  if (wards.provinceCode === null || wards.isProvinceWard(ward)) return null;
  const unit = wards.unit(ward);
  const province = wards.provinceName ?? wards.provinceCode;
  return unit === null
    ? `Mã phường/xã ${ward} (đầu mã trạm ${stationId}) không có trong danh mục đơn vị hành chính · ward code ${ward} of station ${stationId} is not in the units list`
    : `${wards.label(ward)} thuộc ${unit.provinceName}, không thuộc ${province} mà máy chủ này phục vụ · ${ward} belongs to ${unit.provinceName}; this hub serves ${province}`;
}

/**
 * Handles a validated enrolment request: 201 with the city's answer, 403 enrolment_refused, 403
 * ward_not_in_province (checked first: the code stays unused) or 409 epoch_conflict.
 */
export async function enrolStation(ctx: HubContext, request: EnrolRequest): Promise<HubAnswer> {
  const wardProblem = await stationWardProblem(ctx, request.station_id);
  if (wardProblem !== null) return { status: 403, body: { error: 'ward_not_in_province', detail: wardProblem } };
  const now = ctx.now();
  let epoch: number | null;
  try {
    epoch = await ctx.db.transaction(async (tx) => {
      const accepted = await consumeEnrolmentCode(tx, { stationId: request.station_id, codeHash: hashEnrolmentCode(request.enrolment_code), now });
      if (!accepted) return null;
      const station = await findStation(tx, request.station_id, true);
      const common = { stationId: request.station_id, publicKey: request.public_key, appVersion: request.app_version, now };
      const declared = request.epochs ?? [];
      if (station === null) {
        const first = declared[0];
        // A station that wrote before its first enrolment may already be past epoch 1 locally.
        if (first === undefined || (first.epoch === 1 && first.start_hash === ZERO_HASH && declared.length === 1)) {
          await insertStation(tx, { ...common, wardCode: wardOfStation(request.station_id), startHash: ZERO_HASH });
          return 1;
        }
        await insertStation(tx, { ...common, wardCode: wardOfStation(request.station_id), startHash: first.epoch === 1 ? first.start_hash : ZERO_HASH });
        return adoptDeclared(tx, { ...common, currentEpoch: 1, declared: first.epoch === 1 ? declared.slice(1) : declared, verifyStarts: false });
      }
      const adopted = await adoptDeclared(tx, { ...common, currentEpoch: station.current_epoch, declared, verifyStarts: true });
      if (adopted !== station.current_epoch) return adopted;
      const previous = await findEpoch(tx, request.station_id, station.current_epoch);
      const next = station.current_epoch + 1;
      await startNextEpoch(tx, { ...common, epoch: next, startHash: previous?.head_hash ?? ZERO_HASH });
      return next;
    });
  } catch (error) {
    if (error instanceof EpochConflict) return { status: 409, body: { error: 'epoch_conflict', epoch: error.epoch } };
    throw error;
  }
  if (epoch === null) return { status: 403, body: { error: 'enrolment_refused' } };
  return {
    status: 201,
    // content_public_key: docs/PROTOCOL.md §11.1 (a version 1.1 station ignores it).
    body: { station_id: request.station_id, city_public_key: ctx.keys.publicKeyB64, learner_key: ctx.keys.learnerKeyB64, epoch, content_public_key: (await fleetContext(ctx)).contentKey.publicKeyB64 },
  };
}

/**
 * Checks the declared epochs against the hub's and creates the new ones (§9). Returns the station's
 * current epoch afterwards: the newest declared one when it is newer, else `currentEpoch` unchanged.
 * Throws EpochConflict (the transaction rolls back) for a declared epoch that is not the hub's.
 */
async function adoptDeclared(
  tx: SqlExecutor,
  p: { stationId: string; publicKey: string; appVersion: string; now: number; currentEpoch: number; declared: readonly DeclaredEpoch[]; verifyStarts: boolean },
): Promise<number> {
  const known = new Map((await listEpochs(tx, p.stationId)).map((row) => [row.epoch, row]));
  let current = p.currentEpoch;
  for (const item of p.declared) {
    const existing = known.get(item.epoch);
    if (existing !== undefined) {
      if (existing.start_hash !== item.start_hash) throw new EpochConflict(item.epoch);
      continue;
    }
    // The hub never skips a number it opened itself, so an unknown epoch at or below the current one is another history.
    if (item.epoch <= current) throw new EpochConflict(item.epoch);
    const held = !p.verifyStarts || (await holdsHash(tx, p.stationId, item.start_hash));
    await insertDeclaredEpoch(tx, { stationId: p.stationId, epoch: item.epoch, publicKey: p.publicKey, startHash: item.start_hash, now: p.now });
    if (!held) await reportReview(tx, { stationId: p.stationId, reason: `epoch ${item.epoch} starts at ${item.start_hash.slice(0, 12)}…, a hash the hub does not hold` });
    current = item.epoch;
  }
  if (current !== p.currentEpoch) await makeCurrent(tx, { stationId: p.stationId, epoch: current, publicKey: p.publicKey, appVersion: p.appVersion, now: p.now });
  return current;
}
