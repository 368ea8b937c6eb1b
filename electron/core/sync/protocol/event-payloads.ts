/**
 * Payload schemas of the event kinds of docs/PROTOCOL.md §6, shared by the station (which refuses a bad
 * payload before its transaction) and the hub (which stores a bad payload flagged, never refused, so
 * the chain stays whole). No kind carries a name, an ID number or a raw QR string: the schemas are
 * strict, so an extra field such as `name` is rejected at the station.
 */
import { z } from 'zod';

const learnerKey = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex characters');
const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_.:-]+$/, 'must be a plain identifier');
const lessonId = z.string().min(1).max(64).regex(/^[a-z0-9][a-z0-9-]*$/, 'must be a lesson id (a-z, 0-9, -)');

export const eventPayloadSchemas = {
  'station.boot': z.object({ app_version: z.string().max(40), config_version: z.number().int() }).strict(),
  'learner.registered': z
    .object({
      learner_key: learnerKey,
      birth_year: z.number().int().min(1900).max(2100).nullable(),
      gender: z.enum(['nam', 'nu']).nullable(),
      ward_code: z.string().regex(/^\d{5}$/).nullable(),
      method: z.enum(['hid-pos', 'serial', 'keyboard', 'card', 'assisted']),
      consent_version: z.string().min(1).max(20),
    })
    .strict(),
  'attendance.checkin': z
    .object({ learner_key: learnerKey, visit_id: id, method: z.enum(['hid-pos', 'serial', 'keyboard', 'card', 'assisted']) })
    .strict(),
  'attendance.checkout': z
    .object({ learner_key: learnerKey, visit_id: id, reason: z.enum(['user', 'idle', 'group-end', 'shutdown']) })
    .strict(),
  'lesson.started': z.object({ learner_key: learnerKey, visit_id: id, lesson_id: lessonId, lesson_version: z.number().int().min(1) }).strict(),
  'lesson.completed': z
    .object({
      learner_key: learnerKey,
      visit_id: id,
      lesson_id: lessonId,
      lesson_version: z.number().int().min(1),
      score: z.number().int().min(0),
      passed: z.boolean(),
      assisted: z.boolean(),
    })
    .strict(),
  /**
   * One attempt at a practice step of a lesson (issue #19): which step, of what kind, whether it was
   * right and the how-manieth attempt of this learner at this step it was. Never the answer itself.
   */
  'practice.attempted': z
    .object({
      learner_key: learnerKey,
      visit_id: id,
      lesson_id: lessonId,
      lesson_version: z.number().int().min(1),
      step: z.string().regex(/^p[1-9]\d?$/, 'must be a practice step id (p1, p2 …)'),
      kind: z.enum(['spot', 'pay-check', 'order', 'form']),
      correct: z.boolean(),
      attempt: z.number().int().min(1).max(1_000_000),
    })
    .strict(),
  'group.started': z.object({ group_id: id, volunteer_key: learnerKey, lesson_id: lessonId.nullable() }).strict(),
  'group.joined': z.object({ group_id: id, learner_key: learnerKey }).strict(),
  'group.ended': z.object({ group_id: id, attendees: z.number().int().min(0) }).strict(),
  'learner.erased': z.object({ learner_key: learnerKey }).strict(),
  /** Protocol 1.4 (docs/PROTOCOL.md §12): a learner key of version 1 now stands as `learner_key` (version 2). */
  'learner.rekeyed': z.object({ learner_key: learnerKey, previous_key: learnerKey }).strict(),
  'clock.jump': z.object({ from_ms: z.number().int(), to_ms: z.number().int() }).strict(),
} as const;

export type EventKind = keyof typeof eventPayloadSchemas;
export type EventPayload<K extends EventKind> = z.infer<(typeof eventPayloadSchemas)[K]>;

export const eventKinds = Object.keys(eventPayloadSchemas) as EventKind[];

export function isEventKind(kind: string): kind is EventKind {
  return Object.hasOwn(eventPayloadSchemas, kind);
}

/** One event to append: a kind with its payload object, type-checked together. */
export type NewEvent = { [K in EventKind]: { readonly kind: K; readonly payload: EventPayload<K> } }[EventKind];

export type PayloadCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** Checks a payload object against its kind's schema. Unknown kinds fail. */
export function checkEventPayload(kind: string, payload: unknown): PayloadCheck {
  if (!isEventKind(kind)) return { ok: false, reason: `unknown kind ${kind.slice(0, 40)}` };
  const parsed = eventPayloadSchemas[kind].safeParse(payload);
  if (parsed.success) return { ok: true };
  const issue = parsed.error.issues[0];
  return { ok: false, reason: issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'invalid payload' };
}
