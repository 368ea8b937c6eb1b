/**
 * Payload schemas per event kind (PROTOCOL.md §6). The hub uses them to FLAG events, never to refuse
 * them: the chain must stay whole, so a bad payload is stored as sent and reported with its flags.
 * Extra payload fields are allowed (a newer station may add some). The station can use the same
 * schemas to check what it writes.
 */
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import type { JsonValue } from './canonical-json';
import { HEX64_PATTERN } from './limits';

const learnerKey = z.string().regex(HEX64_PATTERN, 'expected 64 lowercase hex digits');
const id = z.string().min(1).max(200);
const version = z.union([z.string().min(1).max(100), z.int()]);

export const payloadSchemas = {
  'station.boot': z.looseObject({ app_version: z.string().min(1), config_version: version }),
  'learner.registered': z.looseObject({
    learner_key: learnerKey,
    birth_year: z.int().min(1900).max(2200),
    gender: z.enum(['nam', 'nu']).nullable(),
    ward_code: z.string().min(1).max(40).nullable(),
    method: z.string().min(1).max(40),
    consent_version: version,
  }),
  'attendance.checkin': z.looseObject({
    learner_key: learnerKey,
    visit_id: id,
    method: z.enum(['hid-pos', 'serial', 'keyboard', 'card', 'assisted']),
  }),
  'attendance.checkout': z.looseObject({ learner_key: learnerKey, visit_id: id, reason: z.enum(['user', 'idle', 'group-end', 'shutdown']) }),
  'lesson.started': z.looseObject({ learner_key: learnerKey, visit_id: id, lesson_id: id, lesson_version: version }),
  'lesson.completed': z.looseObject({
    learner_key: learnerKey,
    visit_id: id,
    lesson_id: id,
    lesson_version: version,
    score: z.number().finite(),
    passed: z.boolean(),
    assisted: z.boolean(),
  }),
  'group.started': z.looseObject({ group_id: id, volunteer_key: z.string().min(1).max(200), lesson_id: id.nullable() }),
  'group.joined': z.looseObject({ group_id: id, learner_key: learnerKey }),
  'group.ended': z.looseObject({ group_id: id, attendees: z.int().min(0) }),
  'learner.erased': z.looseObject({ learner_key: learnerKey }),
  'clock.jump': z.looseObject({ from_ms: z.int(), to_ms: z.int() }),
} as const;

export type EventKind = keyof typeof payloadSchemas;
export const EVENT_KINDS = Object.keys(payloadSchemas) as EventKind[];

export function isEventKind(kind: string): kind is EventKind {
  return Object.hasOwn(payloadSchemas, kind);
}

export interface PayloadCheck {
  /** The parsed payload when the text is JSON, whatever else is wrong with it. */
  readonly parsed: unknown;
  /** Empty when the payload is valid for its kind. Stable, machine-readable codes. */
  readonly flags: readonly string[];
}

/** Checks a payload text against its kind; returns flags, never throws. */
export function checkPayload(kind: string, payloadText: string): PayloadCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(payloadText);
  } catch {
    return { parsed: undefined, flags: ['payload_not_json'] };
  }
  const flags: string[] = [];
  if (canonicalJson(parsed as JsonValue) !== payloadText) flags.push('payload_not_canonical');
  if (!isEventKind(kind)) {
    flags.push('unknown_kind');
  } else {
    const result = payloadSchemas[kind].safeParse(parsed);
    if (!result.success) {
      for (const issue of result.error.issues.slice(0, 5)) flags.push(`payload_invalid:${issue.path.map(String).join('.') || 'payload'}`);
    }
  }
  if (looksPersonal(parsed, 0)) flags.push('personal_data_suspected');
  return { parsed, flags };
}

const PERSONAL_KEYS = new Set(['name', 'full_name', 'ho_ten', 'cccd', 'id_number', 'qr', 'raw_qr', 'phone']);

/** §6 "no event carries a name, an ID number or a raw QR string": a 12-digit run or a telling key. */
function looksPersonal(value: unknown, depth: number): boolean {
  if (depth > 8) return false;
  if (typeof value === 'string') return !HEX64_PATTERN.test(value) && /(?<!\d)\d{12}(?!\d)/.test(value);
  if (Array.isArray(value)) return value.some((item) => looksPersonal(item, depth + 1));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).some(([key, item]) => PERSONAL_KEYS.has(key.toLowerCase()) || looksPersonal(item, depth + 1));
  }
  return false;
}
