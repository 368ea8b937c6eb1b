/**
 * The hub's parse of an upload body (docs/PROTOCOL.md §5). A correct station sends hundreds of events per
 * batch, and zod's general machinery costs more than the rest of the hub's checks together; so a
 * hand-written check first answers the common case — every field present, of its type and within its
 * limits — building exactly the object `eventsBatchSchema` would. Anything it does not accept goes
 * through the schema, which stays the one definition of validity and the source of the error text.
 * The fast check only ever accepts what the schema accepts (a property test holds it to that).
 */
import { HEX64_PATTERN } from './limits';
import { eventsBatchSchema, isStorableString, parseWire } from './wire-schemas';
import type { EventsBatch, WireEvent, WireParse } from './wire-schemas';

type Fields = Record<string, unknown>;

function isRecord(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isInt(value: unknown, min = Number.MIN_SAFE_INTEGER): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min;
}

function isText(value: unknown, min: number, max: number): value is string {
  return typeof value === 'string' && value.length >= min && value.length <= max && isStorableString(value);
}

function isHex64(value: unknown): value is string {
  return typeof value === 'string' && HEX64_PATTERN.test(value);
}

/** The event in the schema's shape (unknown fields dropped), or null when the schema must decide. */
function plainEvent(value: unknown): WireEvent | null {
  if (!isRecord(value)) return null;
  const { seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash } = value;
  if (!isInt(seq, 1) || !isText(event_id, 1, 100) || !isText(kind, 1, 100) || !isText(payload, 0, 1024 * 1024)) return null;
  if (!isInt(wall_ms) || !isText(hlc, 0, 100) || !isText(boot_id, 0, 200) || !isInt(mono_ms) || !isHex64(prev_hash) || !isHex64(hash)) return null;
  return { seq, event_id, kind, payload, wall_ms, hlc, boot_id, mono_ms, prev_hash, hash };
}

/** The whole batch in the schema's shape, or null when any part needs the schema. */
export function plainBatch(value: unknown): EventsBatch | null {
  if (!isRecord(value)) return null;
  const { epoch, first_seq, last_seq, prev_hash, events, app_version } = value;
  if (!isInt(epoch, 1) || !isInt(first_seq, 1) || !isInt(last_seq, 1) || last_seq < first_seq || !isHex64(prev_hash)) return null;
  if (!Array.isArray(events) || events.length === 0 || !isText(app_version, 0, 100)) return null;
  const plain: WireEvent[] = [];
  for (const event of events) {
    const checked = plainEvent(event);
    if (checked === null) return null;
    plain.push(checked);
  }
  return { epoch, first_seq, last_seq, prev_hash, events: plain, app_version };
}

/** Validates a parsed upload body: the fast check when it suffices, the schema otherwise. */
export function parseEventsBatch(value: unknown): WireParse<EventsBatch> {
  const plain = plainBatch(value);
  return plain === null ? parseWire(eventsBatchSchema, value) : { ok: true, value: plain };
}
