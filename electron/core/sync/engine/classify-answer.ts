/**
 * Turns a hub answer (status, parsed body, Retry-After) into either the validated 200 body or the
 * engine input it means (docs/PROTOCOL.md §5 answer table, reference/sync.md §4.5 classification).
 * Kept in the core so that "which answers are retried" is one tested rule, not a transport detail.
 * Anything the protocol does not describe — HTML from a captive portal, a 404 from a proxy, a 200
 * whose body fails the schema — is a `bad_answer`: retried with backoff, never trusted.
 */
import type { z } from 'zod';
import { parseWire, uploadErrorSchema } from '../protocol/wire-schemas';
import type { AnswerFailure } from './engine-types';

/** The body as the transport read it: JSON, or why it could not be read as JSON. */
export type AnswerBody = { readonly ok: true; readonly json: unknown } | { readonly ok: false; readonly detail: string };

export interface HubAnswer {
  readonly status: number;
  readonly body: AnswerBody;
  /** Retry-After already converted to ms, or null. */
  readonly retryAfterMs: number | null;
}

export type Classified<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: AnswerFailure };

function errorCode(body: AnswerBody): string {
  if (!body.ok || body.json === null || typeof body.json !== 'object') return '';
  const code = (body.json as { error?: unknown }).error;
  return typeof code === 'string' ? code.slice(0, 40) : '';
}

/** Classifies an answer whose success status is `okStatus` and success body is `schema`. */
export function classifyAnswer<T>(answer: HubAnswer, schema: z.ZodType<T>, okStatus = 200): Classified<T> {
  const { status, body } = answer;
  if (status === okStatus) {
    if (!body.ok) return { ok: false, failure: { type: 'bad_answer', detail: `${status}: ${body.detail}` } };
    const parsed = parseWire(schema, body.json);
    return parsed.ok ? { ok: true, value: parsed.value } : { ok: false, failure: { type: 'bad_answer', detail: `${status}: ${parsed.detail}` } };
  }
  switch (status) {
    case 400: {
      const detail = body.ok && body.json !== null && typeof body.json === 'object' ? (body.json as { detail?: unknown }).detail : undefined;
      return { ok: false, failure: { type: 'bad_request', detail: typeof detail === 'string' ? detail.slice(0, 300) : 'bad_request' } };
    }
    case 401:
      return { ok: false, failure: { type: 'unauthorized' } };
    case 403:
      return { ok: false, failure: { type: 'forbidden' } };
    case 409: {
      const parsed = body.ok ? parseWire(uploadErrorSchema, body.json) : null;
      if (parsed?.ok === true) {
        const error = parsed.value;
        if (error.error === 'gap') return { ok: false, failure: { type: 'gap', expectedSeq: error.expected_seq } };
        if (error.error === 'fork') return { ok: false, failure: { type: 'fork', seq: error.seq } };
        if (error.error === 'epoch') return { ok: false, failure: { type: 'epoch', epoch: error.epoch } };
      }
      return { ok: false, failure: { type: 'bad_answer', detail: `409 without a known conflict (${errorCode(body) || 'no error code'})` } };
    }
    case 413:
      return { ok: false, failure: { type: 'too_large' } };
    case 429:
    case 503:
      return { ok: false, failure: { type: 'retry_later', status, retryAfterMs: answer.retryAfterMs } };
    default:
      if (status >= 500 && status <= 599) return { ok: false, failure: { type: 'server_error', status } };
      return { ok: false, failure: { type: 'bad_answer', detail: `unexpected status ${status}${errorCode(body) ? ` (${errorCode(body)})` : ''}` } };
  }
}
