// docs/PROTOCOL.md §5 answer table → engine inputs; anything undescribed is a retried bad_answer.
import { describe, expect, it } from 'vitest';
import { classifyAnswer } from '../../../../electron/core/sync/engine/classify-answer';
import type { HubAnswer } from '../../../../electron/core/sync/engine/classify-answer';
import { uploadAnswerSchema } from '../../../../electron/core/sync/protocol/wire-schemas';

const json = (status: number, body: unknown, retryAfterMs: number | null = null): HubAnswer => ({ status, body: { ok: true, json: body }, retryAfterMs });
const ok = { acked_seq: 5, head_hash: 'f'.repeat(64), inserted: 5, duplicates: 0, server_time_ms: 1, receipt: 'c2ln' };

describe('classifyAnswer', () => {
  it('validates a 200 body with the wire schema', () => {
    expect(classifyAnswer(json(200, { ...ok, extra: true }), uploadAnswerSchema)).toEqual({ ok: true, value: ok });
    expect(classifyAnswer(json(200, { ...ok, acked_seq: -1 }), uploadAnswerSchema)).toEqual({ ok: false, failure: { type: 'bad_answer', detail: expect.stringContaining('acked_seq') } });
  });

  it('treats garbage (a captive portal page) as a retried bad answer', () => {
    const portal: HubAnswer = { status: 200, body: { ok: false, detail: 'body: not JSON' }, retryAfterMs: null };
    expect(classifyAnswer(portal, uploadAnswerSchema)).toEqual({ ok: false, failure: { type: 'bad_answer', detail: '200: body: not JSON' } });
    expect(classifyAnswer(json(404, { error: 'not_found' }), uploadAnswerSchema)).toEqual({ ok: false, failure: { type: 'bad_answer', detail: 'unexpected status 404 (not_found)' } });
  });

  it.each([
    [json(400, { error: 'bad_request', detail: 'epoch: required' }), { type: 'bad_request', detail: 'epoch: required' }],
    [json(401, { error: 'unauthorized' }), { type: 'unauthorized' }],
    [json(403, { error: 'forbidden' }), { type: 'forbidden' }],
    [json(409, { error: 'gap', expected_seq: 7 }), { type: 'gap', expectedSeq: 7 }],
    [json(409, { error: 'fork', seq: 3, server_hash: 'x' }), { type: 'fork', seq: 3 }],
    [json(409, { error: 'epoch', epoch: 2 }), { type: 'epoch', epoch: 2 }],
    [json(409, { error: 'gap' }), { type: 'bad_answer', detail: '409 without a known conflict (gap)' }],
    [json(413, { error: 'too_large', max_events: 500 }), { type: 'too_large' }],
    [json(429, { error: 'slow_down' }, 30_000), { type: 'retry_later', status: 429, retryAfterMs: 30_000 }],
    [json(503, { error: 'overloaded' }, null), { type: 'retry_later', status: 503, retryAfterMs: null }],
    [json(500, { error: 'internal' }), { type: 'server_error', status: 500 }],
    [json(502, 'Bad Gateway'), { type: 'server_error', status: 502 }],
  ] as const)('%#: maps to the engine input', (answer, failure) => {
    expect(classifyAnswer(answer, uploadAnswerSchema)).toEqual({ ok: false, failure });
  });
});
