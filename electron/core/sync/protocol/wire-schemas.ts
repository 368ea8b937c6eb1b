/**
 * zod schemas of every wire body in docs/PROTOCOL.md §2, §5 and §7, shared by the station (to build and
 * read) and the hub (to refuse). Objects strip unknown fields ("Unknown JSON fields are ignored").
 * Only types and the shapes the chain depends on (hex hashes, integer seqs) are enforced here; rules a
 * stored event can break without breaking the chain (UUID version, HLC format) are flagged elsewhere.
 */
import { z } from 'zod';
import { EVENT_ID_PATTERN, HEX64_PATTERN, STATION_ID_PATTERN } from './limits';

/** Strings the databases on both sides can hold: no U+0000, no unpaired UTF-16 surrogate. */
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when PostgreSQL text (and SQLite) can hold the string exactly. */
export function isStorableString(text: string): boolean {
  return !text.includes('\u0000') && !UNPAIRED_SURROGATE.test(text);
}

export function storableString(maxLength: number) {
  return z.string().max(maxLength).refine(isStorableString, 'contains U+0000 or an unpaired surrogate');
}

export const hex64Schema = z.string().regex(HEX64_PATTERN, 'expected 64 lowercase hex digits');
/** b64 (standard, padded) of exactly 32 bytes: 43 characters and one `=`. */
export const b64Key32Schema = z.string().regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, 'expected b64 of 32 bytes');
export const stationIdSchema = z.string().regex(STATION_ID_PATTERN, 'expected ^[A-Z0-9][A-Z0-9-]{2,39}$');
const appVersionSchema = storableString(100);

/** docs/PROTOCOL.md §9: a local epoch the station declares at enrolment, with its start hash. */
export const declaredEpochSchema = z.object({ epoch: z.int().min(1).max(1_000_000), start_hash: hex64Schema });
export type DeclaredEpoch = z.infer<typeof declaredEpochSchema>;
export const MAX_DECLARED_EPOCHS = 64;

// §2 (+ §9 `epochs`)
export const enrolRequestSchema = z.object({
  station_id: stationIdSchema,
  public_key: b64Key32Schema,
  enrolment_code: storableString(200).min(1),
  app_version: appVersionSchema,
  epochs: z
    .array(declaredEpochSchema)
    .max(MAX_DECLARED_EPOCHS)
    .refine((list) => list.every((item, i) => i === 0 || item.epoch > (list[i - 1]?.epoch ?? 0)), 'must be in strictly ascending epoch order')
    .optional(),
});
export type EnrolRequest = z.infer<typeof enrolRequestSchema>;

export const enrolAnswerSchema = z.object({
  station_id: stationIdSchema,
  city_public_key: b64Key32Schema,
  learner_key: b64Key32Schema,
  epoch: z.int().min(1),
  /** docs/PROTOCOL.md §11.1 (version 1.3): the city content key; absent from a 1.1 hub. */
  content_public_key: b64Key32Schema.optional(),
});
export type EnrolAnswer = z.infer<typeof enrolAnswerSchema>;

// §4
export const wireEventSchema = z.object({
  seq: z.int().min(1),
  event_id: storableString(100).min(1),
  kind: storableString(100).min(1),
  payload: storableString(1024 * 1024),
  wall_ms: z.int(),
  hlc: storableString(100),
  boot_id: storableString(200),
  mono_ms: z.int(),
  prev_hash: hex64Schema,
  hash: hex64Schema,
});
export type WireEvent = z.infer<typeof wireEventSchema>;

/** True when `event_id` follows §4's rule (UUID v4 or v7). */
export function isProtocolEventId(eventId: string): boolean {
  return EVENT_ID_PATTERN.test(eventId);
}

// §5
export const cursorAnswerSchema = z.object({
  epoch: z.int().min(1),
  acked_seq: z.int().min(0),
  head_hash: hex64Schema,
  server_time_ms: z.int(),
  nonce: z.string().min(1),
  receipt: z.string().min(1),
});
export type CursorAnswer = z.infer<typeof cursorAnswerSchema>;

const batchShape = {
  epoch: z.int().min(1),
  first_seq: z.int().min(1),
  last_seq: z.int().min(1),
  prev_hash: hex64Schema,
  events: z.array(wireEventSchema).min(1),
};

function lastNotBeforeFirst(batch: { first_seq: number; last_seq: number }, ctx: z.RefinementCtx): void {
  if (batch.last_seq < batch.first_seq) ctx.addIssue({ code: 'custom', path: ['last_seq'], message: 'must be ≥ first_seq' });
}

export const eventsBatchSchema = z.object({ ...batchShape, app_version: appVersionSchema }).superRefine(lastNotBeforeFirst);
export type EventsBatch = z.infer<typeof eventsBatchSchema>;

export const uploadAnswerSchema = z.object({
  acked_seq: z.int().min(0),
  head_hash: hex64Schema,
  inserted: z.int().min(0),
  duplicates: z.int().min(0),
  server_time_ms: z.int(),
  receipt: z.string().min(1),
});
export type UploadAnswer = z.infer<typeof uploadAnswerSchema>;

// Error bodies: every one has an `error` code.
export const badRequestErrorSchema = z.object({ error: z.literal('bad_request'), detail: z.string() });
export const unauthorizedErrorSchema = z.object({ error: z.literal('unauthorized') });
export const enrolmentRefusedErrorSchema = z.object({ error: z.literal('enrolment_refused') });
export const gapErrorSchema = z.object({ error: z.literal('gap'), expected_seq: z.int().min(1) });
export const forkErrorSchema = z.object({ error: z.literal('fork'), seq: z.int().min(1) });
export const epochErrorSchema = z.object({ error: z.literal('epoch'), epoch: z.int().min(1) });
/** §9: an epoch the station declared differs from the one the hub holds under that number. */
export const epochConflictErrorSchema = z.object({ error: z.literal('epoch_conflict'), epoch: z.int().min(1) });
export const tooLargeErrorSchema = z.object({ error: z.literal('too_large'), max_events: z.int() });
export const errorBodySchema = z.object({ error: z.string().min(1) });

export const uploadErrorSchema = z.discriminatedUnion('error', [
  badRequestErrorSchema,
  unauthorizedErrorSchema,
  gapErrorSchema,
  forkErrorSchema,
  epochErrorSchema,
  tooLargeErrorSchema,
]);
export type UploadError = z.infer<typeof uploadErrorSchema>;

// §7
export const bundleSchema = z.object({ ...batchShape, station_id: stationIdSchema, sig: z.string().min(1) }).superRefine(lastNotBeforeFirst);
export type Bundle = z.infer<typeof bundleSchema>;

export type WireParse<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly detail: string };

/** Validates a parsed body; on failure gives docs/PROTOCOL.md's `"<field>: <reason>"` for the first issue. */
export function parseWire<T>(schema: z.ZodType<T>, value: unknown): WireParse<T> {
  const result = schema.safeParse(value);
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, detail: describeIssue(result.error.issues[0]) };
}

function describeIssue(issue: z.core.$ZodIssue | undefined): string {
  if (issue === undefined) return 'body: invalid';
  const field = issue.path.length === 0 ? 'body' : issue.path.map(String).join('.');
  const missing = issue.code === 'invalid_type' && /received undefined$/.test(issue.message);
  return `${field}: ${missing ? 'required' : issue.message}`;
}
