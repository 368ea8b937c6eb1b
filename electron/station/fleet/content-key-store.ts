/**
 * The city content key a station trusts (docs/PROTOCOL.md §11.1), kept in `<data>/fleet/content-key.json`
 * beside the key store (keys.json keeps only what enrolment writes). It is pinned from the enrolment
 * answer, or learned from any fleet answer whose endorsement verifies under the city receipt key
 * pinned at enrolment — the way a station enrolled before version 1.3 gets it, and the way a replaced
 * content key reaches every station. Without an enrolment nothing can be trusted: `not_enrolled`.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { contentKeyEndorsementText } from '../../core/sync/protocol/fleet/content-key';
import { FleetError } from '../../core/sync/protocol/fleet/fleet-error';
import { loadOrCreateKeys } from '../keys/key-store';
import { verifySignature } from '../sync/station-crypto';
import { fleetPaths, readJsonFile, writeJsonFile } from './fleet-files';

const storedSchema = z.object({ contentPublicKeyRaw: z.string().regex(/^[A-Za-z0-9+/]{43}=$/), source: z.enum(['enrolment', 'endorsement']), pinnedWallMs: z.number() });
export type PinnedContentKey = z.infer<typeof storedSchema>;

const fileOf = (dataDir: string) => join(fleetPaths(dataDir).fleetDir, 'content-key.json');

/** The pinned content key, or null. */
export function pinnedContentKey(dataDir: string): PinnedContentKey | null {
  const parsed = storedSchema.safeParse(readJsonFile(fileOf(dataDir)));
  return parsed.success ? parsed.data : null;
}

/** Pins the key the enrolment answer named (called right after a successful enrolment). */
export function pinContentKeyFromEnrolment(dataDir: string, contentPublicKeyRaw: string, wallMs: number): void {
  writeJsonFile(fileOf(dataDir), { contentPublicKeyRaw, source: 'enrolment', pinnedWallMs: wallMs } satisfies PinnedContentKey);
}

/**
 * The content key to verify with, given what an answer (or a USB bundle) carries: the pinned one when
 * it is the same; otherwise the offered one if the city receipt key endorses it (then pinned). Throws
 * `not_enrolled` without a pinned city key, `content_key_unknown` for a key the city did not endorse.
 */
export function trustContentKey(dataDir: string, offered: { content_key: string; content_key_endorsement: string }, wallMs: number): string {
  const pinned = pinnedContentKey(dataDir);
  if (pinned !== null && pinned.contentPublicKeyRaw === offered.content_key) return pinned.contentPublicKeyRaw;
  const enrolment = loadOrCreateKeys(join(dataDir, 'keys.json')).enrolment;
  if (enrolment === null) throw new FleetError('not_enrolled', 'this station is not enrolled: it has no city key to check the content key with');
  if (!verifySignature(enrolment.cityPublicKeyRaw, contentKeyEndorsementText(offered.content_key), offered.content_key_endorsement)) {
    throw new FleetError('content_key_unknown', 'the content key offered is not endorsed by the city key this station pinned at enrolment');
  }
  writeJsonFile(fileOf(dataDir), { contentPublicKeyRaw: offered.content_key, source: 'endorsement', pinnedWallMs: wallMs } satisfies PinnedContentKey);
  return offered.content_key;
}
