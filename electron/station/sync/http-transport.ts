/**
 * The station's HTTP client for docs/PROTOCOL.md §2–§5 on Node's fetch. Each request after enrolment is
 * signed per §3 (METHOD, PATH with query, hex SHA-256 of the uncompressed body, ts, nonce from the
 * last cursor or "-"); upload bodies travel gzip-compressed. Every request has a deadline
 * (AbortSignal.timeout) so a hung hub becomes a `timeout`, never a stuck "sending" state. Answers are
 * classified by the core (`classifyAnswer`) with the wire schemas; this file holds no retry rules.
 */
import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { classifyAnswer } from '../../core/sync/engine/classify-answer';
import type { AnswerBody, Classified, HubAnswer } from '../../core/sync/engine/classify-answer';
import { parseRetryAfterMs } from '../../core/sync/engine/backoff';
import type { AnswerFailure, RequestTiming } from '../../core/sync/engine/engine-types';
import { formatAuthorization, NO_NONCE } from '../../core/sync/protocol/authorization-header';
import { requestSigningText } from '../../core/sync/protocol/signed-messages';
import { cursorAnswerSchema, enrolAnswerSchema, epochConflictErrorSchema, parseWire, uploadAnswerSchema } from '../../core/sync/protocol/wire-schemas';
import type { CursorAnswer, EnrolAnswer, EnrolRequest, UploadAnswer } from '../../core/sync/protocol/wire-schemas';
import { sha256HexOfBytes } from './station-crypto';
import type { TextSigner } from './station-crypto';

const gzipAsync = promisify(gzip);

/** reference/sync.md §4.3: a whole request gets 60 s (raise on measured 2G links). */
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;
/** Answers are small JSON objects; a bigger body (a portal page) is not read past this. */
const MAX_ANSWER_BYTES = 64 * 1024;

export type FetchFn = typeof fetch;

export interface TransportOutcome<T> {
  readonly result: Classified<T>;
  readonly timing: RequestTiming;
}

/** What the sync service needs from the network. */
export interface SyncTransport {
  /** The current epoch's cursor, or (docs/PROTOCOL.md §9) a closed epoch's with `?epoch=N`. */
  fetchCursor(epoch?: number): Promise<TransportOutcome<CursorAnswer>>;
  /** `json` is the exact uncompressed body text; it is signed, then gzip-compressed. */
  uploadBatch(json: string): Promise<TransportOutcome<UploadAnswer>>;
  /** A hint: `json` is likely the next upload, so its compression may start now, off the main thread. */
  prepareUpload?(json: string): void;
}

interface PreparedBody {
  readonly json: string;
  readonly plain: Buffer;
  readonly gzipped: Promise<Buffer>;
}

function prepareBody(json: string): PreparedBody {
  const plain = Buffer.from(json, 'utf8');
  const gzipped = gzipAsync(plain);
  // Never left unhandled if the hint goes unused; a real upload awaits it and sees the error.
  gzipped.catch(() => undefined);
  return { json, plain, gzipped };
}

export interface HttpTransportOptions {
  readonly hubUrl: string;
  readonly stationId: string;
  readonly sign: TextSigner;
  /** Station wall clock: the `ts` of §3 (logged by the hub, never enforced) and request timings. */
  readonly wallMs: () => number;
  readonly timeoutMs?: number;
  readonly fetch?: FetchFn;
  /** Aborts every request in flight (the service stopping). */
  readonly signal?: AbortSignal;
}

/** Joins the hub URL (which may carry a path prefix) and a protocol path. */
export function hubEndpoint(hubUrl: string, path: string): URL {
  return new URL(`${hubUrl.replace(/\/+$/, '')}${path}`);
}

/**
 * Reads at most MAX_ANSWER_BYTES of the body and cancels the rest, so a captive portal's page or a
 * hostile endless answer costs 64 KiB of memory, never the whole body.
 */
export async function readCappedText(response: Response, maxBytes = MAX_ANSWER_BYTES): Promise<{ ok: true; text: string } | { ok: false; bytesRead: number }> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, bytesRead: 0 };
  }
  if (response.body === null) return { ok: true, text: '' };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { ok: false, bytesRead: total };
    }
    chunks.push(value);
  }
  return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
}

async function readAnswerBody(response: Response): Promise<AnswerBody> {
  const read = await readCappedText(response);
  if (!read.ok) return { ok: false, detail: `body: more than ${MAX_ANSWER_BYTES} bytes, not a protocol answer` };
  const { text } = read;
  if (text.trim() === '') return { ok: false, detail: 'body: empty' };
  try {
    return { ok: true, json: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, detail: `body: not JSON (${(response.headers.get('content-type') ?? 'no content-type').slice(0, 60)})` };
  }
}

interface RawExchange {
  readonly answer: HubAnswer | null;
  readonly failure: 'timeout' | string | null;
  readonly timing: RequestTiming;
}

async function exchange(
  options: Pick<HttpTransportOptions, 'fetch' | 'timeoutMs' | 'signal' | 'wallMs'>,
  url: URL,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: Uint8Array<ArrayBuffer> },
): Promise<RawExchange> {
  const doFetch = options.fetch ?? fetch;
  const deadline = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  const sentAtMs = options.wallMs();
  try {
    const response = await doFetch(url, { method: init.method, headers: init.headers, signal, redirect: 'manual', ...(init.body ? { body: init.body } : {}) });
    const body = await readAnswerBody(response);
    const timing = { sentAtMs, receivedAtMs: options.wallMs() };
    return { answer: { status: response.status, body, retryAfterMs: parseRetryAfterMs(response.headers.get('retry-after'), timing.receivedAtMs) }, failure: null, timing };
  } catch (error) {
    const timing = { sentAtMs, receivedAtMs: options.wallMs() };
    if (deadline.aborted) return { answer: null, failure: 'timeout', timing };
    // undici says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND …) is on its cause.
    const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : (error as Error).name;
    const reason = typeof cause?.message === 'string' ? cause.message : (error as Error).message;
    return { answer: null, failure: `${code}: ${reason}`.slice(0, 200), timing };
  }
}

function outcome<R>(raw: RawExchange, classify: (answer: HubAnswer) => R | { readonly ok: false; readonly failure: AnswerFailure }): { result: R | { readonly ok: false; readonly failure: AnswerFailure }; timing: RequestTiming } {
  if (raw.answer !== null) return { result: classify(raw.answer), timing: raw.timing };
  const failure = raw.failure === 'timeout' ? ({ type: 'timeout' } as const) : ({ type: 'network_error', detail: raw.failure ?? 'unknown' } as const);
  return { result: { ok: false, failure }, timing: raw.timing };
}

/** A signed transport for one enrolled station. Remembers the nonce of the last cursor answer. */
export function createHttpTransport(options: HttpTransportOptions): SyncTransport & { readonly nonce: () => string; prepareUpload(json: string): void } {
  let nonce = NO_NONCE;
  let prepared: PreparedBody | null = null;
  const stationPath = `/v1/stations/${encodeURIComponent(options.stationId)}`;

  const signedHeaders = (method: 'GET' | 'POST', url: URL, bodyBytes: Uint8Array): Record<string, string> => {
    const ts = Math.floor(options.wallMs());
    const text = requestSigningText(method, `${url.pathname}${url.search}`, sha256HexOfBytes(bodyBytes), ts, nonce);
    return { authorization: formatAuthorization({ stationId: options.stationId, ts, nonce, sig: options.sign(text) }), accept: 'application/json' };
  };

  return {
    nonce: () => nonce,
    async fetchCursor(epoch) {
      const url = hubEndpoint(options.hubUrl, `${stationPath}/cursor${epoch === undefined ? '' : `?epoch=${epoch}`}`);
      const raw = await exchange(options, url, { method: 'GET', headers: signedHeaders('GET', url, new Uint8Array()) });
      const result = outcome(raw, (answer) => classifyAnswer(answer, cursorAnswerSchema));
      if (result.result.ok) nonce = result.result.value.nonce;
      return result;
    },
    async uploadBatch(json) {
      const url = hubEndpoint(options.hubUrl, `${stationPath}/events`);
      const body = prepared !== null && prepared.json === json ? prepared : prepareBody(json);
      prepared = null;
      const headers = { ...signedHeaders('POST', url, body.plain), 'content-type': 'application/json', 'content-encoding': 'gzip' };
      const raw = await exchange(options, url, { method: 'POST', headers, body: new Uint8Array(await body.gzipped) });
      return outcome(raw, (answer) => classifyAnswer(answer, uploadAnswerSchema));
    },
    prepareUpload(json) {
      prepared = prepareBody(json);
    },
  };
}

/** An enrolment answer: 201, a classified failure, or (docs/PROTOCOL.md §9) a declared epoch the city holds otherwise. */
export type EnrolOutcome = { readonly ok: true; readonly value: EnrolAnswer } | { readonly ok: false; readonly failure: AnswerFailure | { readonly type: 'epoch_conflict'; readonly epoch: number } };

/** POST /v1/enrol (§2, unsigned: the one-time code is the credential). */
export async function postEnrolment(
  options: Pick<HttpTransportOptions, 'hubUrl' | 'fetch' | 'timeoutMs' | 'wallMs'>,
  request: EnrolRequest,
): Promise<{ readonly result: EnrolOutcome; readonly timing: RequestTiming }> {
  const url = hubEndpoint(options.hubUrl, '/v1/enrol');
  const body = Buffer.from(JSON.stringify(request), 'utf8');
  const raw = await exchange(options, url, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body });
  return outcome<EnrolOutcome>(raw, classifyEnrolment);
}

function classifyEnrolment(answer: HubAnswer): EnrolOutcome {
  const conflict = answer.status === 409 && answer.body.ok ? parseWire(epochConflictErrorSchema, answer.body.json) : null;
  if (conflict?.ok === true) return { ok: false, failure: { type: 'epoch_conflict', epoch: conflict.value.epoch } };
  return classifyAnswer(answer, enrolAnswerSchema, 201);
}
