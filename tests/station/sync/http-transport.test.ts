// The signed HTTP client: §3 signatures over the uncompressed body, gzip on the wire, deadlines,
// Retry-After, and garbage answers (a captive portal) as typed, retried failures.
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAuthorization } from '../../../electron/core/sync/protocol/authorization-header';
import { requestSigningText } from '../../../electron/core/sync/protocol/signed-messages';
import { loadOrCreateKeys } from '../../../electron/station/keys/key-store';
import { createHttpTransport, hubEndpoint } from '../../../electron/station/sync/http-transport';
import { sha256HexOfBytes, stationSigner, verifySignature } from '../../../electron/station/sync/station-crypto';
import { tempDir } from '../../support/station-db';
import { closedPort } from './support/live-hub';

type Handler = (request: IncomingMessage, body: Buffer, response: ServerResponse) => void;

describe('http transport', () => {
  let server: Server;
  let url: string;
  let handler: Handler = (_request, _body, response) => response.end();
  const keysDir = tempDir('tram-keys-');
  const keys = loadOrCreateKeys(`${keysDir.dir}/keys.json`);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => handler(request, Buffer.concat(chunks), response));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hub/`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    keysDir.cleanup();
  });

  const transport = (timeoutMs = 2_000) => createHttpTransport({ hubUrl: url, stationId: '06688-01', sign: stationSigner(keys), wallMs: () => 1_767_000_000_000, timeoutMs });
  const json = (response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };
  const cursor = { epoch: 1, acked_seq: 0, head_hash: '0'.repeat(64), server_time_ms: 5, nonce: 'n0nce', receipt: 'cmVjZWlwdA==' };

  it('signs the cursor request, then echoes the cursor nonce, gzips the body and signs its uncompressed bytes', async () => {
    const seen: Array<{ method: string; url: string; auth: string; encoding: string | undefined; body: Buffer }> = [];
    handler = (request, body, response) => {
      seen.push({ method: request.method ?? '', url: request.url ?? '', auth: request.headers.authorization ?? '', encoding: request.headers['content-encoding'], body });
      if (request.method === 'GET') json(response, 200, cursor);
      else json(response, 200, { acked_seq: 1, head_hash: 'a'.repeat(64), inserted: 1, duplicates: 0, server_time_ms: 6, receipt: 'cmVjZWlwdA==' });
    };
    const client = transport();
    expect((await client.fetchCursor()).result).toEqual({ ok: true, value: cursor });
    expect(client.nonce()).toBe('n0nce');
    const text = JSON.stringify({ epoch: 1, note: 'Trạm Học Số' });
    expect((await client.uploadBatch(text)).result).toMatchObject({ ok: true, value: { acked_seq: 1 } });

    const [get, post] = seen;
    const getAuth = parseAuthorization(get?.auth);
    expect(get?.url).toBe('/hub/v1/stations/06688-01/cursor');
    expect(getAuth).toMatchObject({ ok: true, value: { stationId: '06688-01', ts: 1_767_000_000_000, nonce: '-' } });
    if (!getAuth.ok) throw new Error('unreachable');
    expect(verifySignature(keys.stationPublicKeyRaw, requestSigningText('GET', '/hub/v1/stations/06688-01/cursor', sha256HexOfBytes(new Uint8Array()), getAuth.value.ts, '-'), getAuth.value.sig)).toBe(true);

    expect(post?.encoding).toBe('gzip');
    const plain = gunzipSync(post?.body ?? Buffer.alloc(0));
    expect(plain.toString('utf8')).toBe(text);
    const postAuth = parseAuthorization(post?.auth);
    if (!postAuth.ok) throw new Error('no auth');
    expect(postAuth.value.nonce).toBe('n0nce');
    expect(verifySignature(keys.stationPublicKeyRaw, requestSigningText('POST', '/hub/v1/stations/06688-01/events', sha256HexOfBytes(plain), postAuth.value.ts, 'n0nce'), postAuth.value.sig)).toBe(true);
  });

  it('sends a body prepared ahead exactly as it would have sent it, and ignores a hint for another body', async () => {
    const bodies: Array<{ auth: string; body: Buffer }> = [];
    handler = (request, body, response) => {
      bodies.push({ auth: request.headers.authorization ?? '', body });
      json(response, 200, { acked_seq: 1, head_hash: 'a'.repeat(64), inserted: 1, duplicates: 0, server_time_ms: 6, receipt: 'cmVjZWlwdA==' });
    };
    const client = transport();
    const next = JSON.stringify({ epoch: 1, first_seq: 11, note: 'đọc trước' });
    client.prepareUpload(next);
    expect((await client.uploadBatch(next)).result).toMatchObject({ ok: true });
    client.prepareUpload('{"a hint":"never sent"}');
    const other = JSON.stringify({ epoch: 1, first_seq: 21 });
    expect((await client.uploadBatch(other)).result).toMatchObject({ ok: true });
    expect(bodies.map((seen) => gunzipSync(seen.body).toString('utf8'))).toEqual([next, other]);
    for (const [index, text] of [next, other].entries()) {
      const auth = parseAuthorization(bodies[index]?.auth);
      if (!auth.ok) throw new Error('no auth');
      const signed = requestSigningText('POST', '/hub/v1/stations/06688-01/events', sha256HexOfBytes(Buffer.from(text, 'utf8')), auth.value.ts, auth.value.nonce);
      expect(verifySignature(keys.stationPublicKeyRaw, signed, auth.value.sig)).toBe(true);
    }
  });

  it('turns a captive portal page, a redirect and a broken 200 into bad_answer', async () => {
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<html>Đăng nhập Wi-Fi</html>');
    };
    expect((await transport().fetchCursor()).result).toEqual({ ok: false, failure: { type: 'bad_answer', detail: '200: body: not JSON (text/html)' } });
    handler = (_request, _body, response) => {
      response.writeHead(302, { location: 'http://portal.example/' });
      response.end();
    };
    expect((await transport().fetchCursor()).result).toMatchObject({ ok: false, failure: { type: 'bad_answer' } });
    handler = (_request, _body, response) => json(response, 200, { ...cursor, acked_seq: 'many' });
    expect((await transport().fetchCursor()).result).toMatchObject({ ok: false, failure: { type: 'bad_answer', detail: expect.stringContaining('acked_seq') } });
  });

  it('reads Retry-After on 503 and the conflict bodies of 409', async () => {
    handler = (_request, _body, response) => json(response, 503, { error: 'overloaded' }, { 'retry-after': '7' });
    expect((await transport().uploadBatch('{}')).result).toEqual({ ok: false, failure: { type: 'retry_later', status: 503, retryAfterMs: 7_000 } });
    handler = (_request, _body, response) => json(response, 409, { error: 'gap', expected_seq: 12 });
    expect((await transport().uploadBatch('{}')).result).toEqual({ ok: false, failure: { type: 'gap', expectedSeq: 12 } });
  });

  it('gives a hung hub a deadline (timeout) and a closed port a network error', async () => {
    handler = () => undefined;
    const started = Date.now();
    expect((await transport(300).fetchCursor()).result).toEqual({ ok: false, failure: { type: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(2_000);
    const closed = createHttpTransport({ hubUrl: `http://127.0.0.1:${await closedPort()}`, stationId: '06688-01', sign: stationSigner(keys), wallMs: () => 0, timeoutMs: 2_000 });
    expect((await closed.fetchCursor()).result).toMatchObject({ ok: false, failure: { type: 'network_error', detail: expect.stringContaining('ECONNREFUSED') } });
  });

  // The transport used to call response.text() and only then compare the size: an endless answer kept
  // it reading until the deadline, and a large one was held whole in memory.
  it('stops reading an answer at 64 KiB (streamed without a length, or announced larger) and says why', async () => {
    let written = 0;
    let closedEarly = false;
    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.on('close', () => (closedEarly = !response.writableEnded));
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const pump = () => {
        while (!response.destroyed && written < 64 * 1024 * 1024) {
          written += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        if (!response.destroyed) response.end();
      };
      pump();
    };
    const endless = await transport(5_000).fetchCursor();
    expect(endless.result).toEqual({ ok: false, failure: { type: 'bad_answer', detail: '200: body: more than 65536 bytes, not a protocol answer' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closedEarly).toBe(true);
    expect(written).toBeLessThan(8 * 1024 * 1024);

    handler = (_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) });
      response.write('{"epoch":');
    };
    expect((await transport(5_000).fetchCursor()).result).toMatchObject({ ok: false, failure: { type: 'bad_answer', detail: expect.stringContaining('more than 65536 bytes') } });
  });

  it('asks a closed epoch its own cursor with ?epoch=N, signed with the query (docs/PROTOCOL.md §9)', async () => {
    let seen = '';
    let auth = '';
    handler = (request, _body, response) => {
      seen = request.url ?? '';
      auth = String(request.headers.authorization);
      json(response, 200, { ...cursor, epoch: 2 });
    };
    expect((await transport().fetchCursor(2)).result).toMatchObject({ ok: true, value: { epoch: 2 } });
    expect(seen).toBe('/hub/v1/stations/06688-01/cursor?epoch=2');
    const parsed = parseAuthorization(auth);
    if (!parsed.ok) throw new Error(parsed.reason);
    const text = requestSigningText('GET', '/hub/v1/stations/06688-01/cursor?epoch=2', sha256HexOfBytes(new Uint8Array()), parsed.value.ts, parsed.value.nonce);
    expect(verifySignature(keys.stationPublicKeyRaw, text, parsed.value.sig)).toBe(true);
  });

  it('joins hub URLs with or without a trailing slash', () => {
    expect(hubEndpoint('https://city.example/tram/', '/v1/enrol').toString()).toBe('https://city.example/tram/v1/enrol');
    expect(hubEndpoint('https://city.example', '/v1/enrol').toString()).toBe('https://city.example/v1/enrol');
  });
});

