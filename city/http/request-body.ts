/**
 * Request bodies for the station routes. Fastify hands over the raw bytes (at most 1 MiB on the
 * wire, refused from Content-Length before reading when it says more); here they are inflated when
 * `Content-Encoding: gzip`, stopping as soon as the output passes 1 MiB — a gzip bomb costs
 * microseconds, never memory — and parsed as JSON.
 */
import { gunzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { FastifyRequest } from 'fastify';
import { MAX_BODY_BYTES } from '../../electron/core/sync/protocol/limits';
import type { HubAnswer } from '../ingest/apply-batch';
import { TOO_LARGE } from '../ingest/apply-batch';

const gunzipAsync = promisify(gunzip);

// zlib's default 16 KB output chunks cost a main-thread callback each: inflating a 180 KB batch took
// 1.5 ms of CPU that way and 0.4 ms in 256 KB chunks (tens of thousands of batches an hour at a
// province hub). The 1 MiB cap still stops a bomb within one chunk of it.
const INFLATE_CHUNK_BYTES = 256 * 1024;

export type BodyResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly answer: HubAnswer };

export function badRequest(detail: string): HubAnswer {
  return { status: 400, body: { error: 'bad_request', detail } };
}

function unsupported(detail: string): HubAnswer {
  return { status: 415, body: { error: 'unsupported_media_type', detail } };
}

/** The uncompressed body bytes (empty when there is none). */
export async function readBodyBytes(request: FastifyRequest): Promise<BodyResult<Buffer>> {
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') {
    return raw.length > MAX_BODY_BYTES ? { ok: false, answer: TOO_LARGE } : { ok: true, value: raw };
  }
  if (encoding !== 'gzip' && encoding !== 'x-gzip') return { ok: false, answer: unsupported(`content-encoding: ${encoding} is not supported, use gzip`) };
  try {
    return { ok: true, value: await gunzipAsync(raw, { maxOutputLength: MAX_BODY_BYTES, chunkSize: INFLATE_CHUNK_BYTES }) };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') return { ok: false, answer: TOO_LARGE };
    return { ok: false, answer: badRequest('body: not valid gzip') };
  }
}

/** Parses JSON bytes as an object; the content type must be JSON (or absent). */
export function parseJsonObject(request: FastifyRequest, bytes: Buffer): BodyResult<Record<string, unknown>> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type !== '' && type !== 'application/json' && !/^application\/[a-z0-9.+-]*\+json$/.test(type)) {
    return { ok: false, answer: unsupported(`content-type: expected application/json, got ${type.slice(0, 100)}`) };
  }
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { ok: false, answer: badRequest('body: not valid JSON') };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { ok: false, answer: badRequest('body: expected a JSON object') };
  return { ok: true, value: value as Record<string, unknown> };
}
