/**
 * Sneakernet import (docs/PROTOCOL.md §7): a gzip JSON bundle from `tram export`. The station's signature
 * over the canonical bundle text is checked first (a tampered bundle is refused as `unauthorized`),
 * then exactly the §5 checks and transaction of an upload apply, so the answer object is the same
 * and importing a bundle twice only finds duplicates. The 500-event limit of one HTTP batch does not
 * apply (a USB stick carries weeks of backlog); a larger cap guards memory instead.
 *
 * A bundle of a closed epoch (docs/PROTOCOL.md §9) may have been written before the station was
 * re-enrolled, so it is signed by the key of that epoch: the hub accepts the station's current key or
 * the key it registered for the bundle's epoch.
 */
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import { bundleSignedText } from '../../electron/core/sync/protocol/bundle-text';
import type { JsonValue } from '../../electron/core/sync/protocol/canonical-json';
import { bundleSchema, parseWire } from '../../electron/core/sync/protocol/wire-schemas';
import { sha256Hex, verifyText } from '../crypto/ed25519';
import type { HubContext } from '../hub-context';
import { findStation, listEpochs } from '../store/station-store';
import { applyBatch, UNAUTHORIZED } from './apply-batch';
import type { HubAnswer } from './apply-batch';

export const IMPORT_MAX_EVENTS = 200_000;
export const IMPORT_MAX_BYTES = 256 * 1024 * 1024;
const gunzipAsync = promisify(gunzip);

function badRequest(detail: string): HubAnswer {
  return { status: 400, body: { error: 'bad_request', detail } };
}

/** Imports one bundle file's bytes and returns the answer an upload would have had. */
export async function importBundle(ctx: HubContext, file: Buffer): Promise<HubAnswer> {
  let text: string;
  const isGzip = file.length >= 2 && file[0] === 0x1f && file[1] === 0x8b;
  try {
    text = (isGzip ? await gunzipAsync(file, { maxOutputLength: IMPORT_MAX_BYTES }) : file).toString('utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return { status: 413, body: { error: 'too_large', max_events: IMPORT_MAX_EVENTS, max_bytes: IMPORT_MAX_BYTES } };
    }
    return badRequest('file: not valid gzip');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return badRequest('file: not valid JSON');
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return badRequest('file: expected a JSON object');
  // The signature first (security review): until it verifies, the events are an anonymous file's and
  // are not looked into. Only the envelope fields needed to find the signing key are read.
  const envelope = raw as { station_id?: unknown; epoch?: unknown; sig?: unknown; events?: unknown };
  if (typeof envelope.station_id !== 'string' || typeof envelope.sig !== 'string' || !Number.isSafeInteger(envelope.epoch)) {
    return badRequest('file: station_id, epoch and sig are required');
  }
  if (Array.isArray(envelope.events) && envelope.events.length > IMPORT_MAX_EVENTS) return { status: 413, body: { error: 'too_large', max_events: IMPORT_MAX_EVENTS } };
  const station = await findStation(ctx.db, envelope.station_id);
  if (station === null || station.status !== 'active') return UNAUTHORIZED;
  let signedText: string;
  try {
    signedText = bundleSignedText(sha256Hex, raw as { [key: string]: JsonValue });
  } catch {
    return badRequest('file: not canonical JSON');
  }
  const epochKey = (await listEpochs(ctx.db, station.station_id)).find((epoch) => epoch.epoch === envelope.epoch)?.public_key;
  const keys = new Set([station.public_key, ...(epochKey === undefined ? [] : [epochKey])]);
  if (![...keys].some((key) => verifyText(key, signedText, envelope.sig as string))) return UNAUTHORIZED;

  const parsed = parseWire(bundleSchema, raw);
  if (!parsed.ok) return badRequest(parsed.detail);
  const bundle = parsed.value;
  return applyBatch(ctx, bundle.station_id, bundle, { source: 'import' });
}
