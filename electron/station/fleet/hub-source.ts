/**
 * The hub as a channel source (docs/PROTOCOL.md §11.2–§11.5): signed requests per §3 (nonce "-":
 * the hub tells fresh requests by their rising ts), JSON answers read with a size cap, and file
 * downloads that resume with `Range: bytes=<offset>-`. A download is cut only when no byte arrives
 * for IDLE_TIMEOUT_MS — a 5 MB recording over 2G takes ten minutes and must not hit a total deadline.
 */
import { formatAuthorization, NO_NONCE } from '../../core/sync/protocol/authorization-header';
import { requestSigningText } from '../../core/sync/protocol/signed-messages';
import { FleetError } from '../../core/sync/protocol/fleet/fleet-error';
import { hubEndpoint, readCappedText } from '../sync/http-transport';
import type { FetchFn } from '../sync/http-transport';
import { sha256HexOfBytes } from '../sync/station-crypto';
import type { TextSigner } from '../sync/station-crypto';
import type { ChannelSource, FileStream } from './channel-source';

export const JSON_TIMEOUT_MS = 60_000;
export const IDLE_TIMEOUT_MS = 60_000;
/** The lessons answer carries a manifest of up to 4000 files. */
const MAX_JSON_ANSWER_BYTES = 2 * 1024 * 1024;
const EMPTY_BODY_HASH = sha256HexOfBytes(new Uint8Array());

export interface HubSourceOptions {
  readonly hubUrl: string;
  readonly stationId: string;
  readonly sign: TextSigner;
  readonly wallMs: () => number;
  readonly fetch?: FetchFn;
  /** Aborts everything in flight (the station closing). */
  readonly signal?: AbortSignal;
  readonly idleTimeoutMs?: number;
}

export interface HubSource extends ChannelSource {
  /** A signed GET of a §11 JSON route (`/v1/stations/<id>` + path), parsed. */
  getJson(path: string): Promise<unknown>;
  /** A signed, gzip-free POST of a JSON body to a §11 route, parsed. */
  postJson(path: string, body: string): Promise<unknown>;
}

function networkFailure(error: unknown): FleetError {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : error instanceof Error ? error.name : 'error';
  return new FleetError('hub_unreachable', `the hub cannot be reached (${code})`);
}

export function createHubSource(options: HubSourceOptions): HubSource {
  const doFetch = options.fetch ?? fetch;
  const base = `/v1/stations/${encodeURIComponent(options.stationId)}`;
  const headers = (method: 'GET' | 'POST', url: URL, bodyHash: string): Record<string, string> => {
    const ts = Math.floor(options.wallMs());
    const text = requestSigningText(method, `${url.pathname}${url.search}`, bodyHash, ts, NO_NONCE);
    return { authorization: formatAuthorization({ stationId: options.stationId, ts, nonce: NO_NONCE, sig: options.sign(text) }) };
  };
  const signals = (timeoutMs: number) => {
    const deadline = AbortSignal.timeout(timeoutMs);
    return options.signal ? AbortSignal.any([deadline, options.signal]) : deadline;
  };
  const readJson = async (response: Response): Promise<unknown> => {
    const read = await readCappedText(response, MAX_JSON_ANSWER_BYTES);
    if (!read.ok) throw new FleetError('hub_bad_answer', `the hub answered ${response.status} with more than ${MAX_JSON_ANSWER_BYTES} bytes`);
    let json: unknown;
    try {
      json = JSON.parse(read.text);
    } catch {
      throw new FleetError('hub_bad_answer', `the hub answered ${response.status} with a body that is not JSON`);
    }
    if (response.status !== 200) {
      const code = typeof (json as { error?: unknown }).error === 'string' ? (json as { error: string }).error : 'unknown';
      throw new FleetError(response.status === 503 || response.status === 429 ? 'hub_unreachable' : 'hub_bad_answer', `the hub answered ${response.status} ${code}`);
    }
    return json;
  };
  const request = async (method: 'GET' | 'POST', path: string, body?: string): Promise<unknown> => {
    const url = hubEndpoint(options.hubUrl, `${base}${path}`);
    const bytes = body === undefined ? undefined : Buffer.from(body, 'utf8');
    let response: Response;
    try {
      response = await doFetch(url, {
        method,
        headers: { ...headers(method, url, bytes === undefined ? EMPTY_BODY_HASH : sha256HexOfBytes(bytes)), accept: 'application/json', ...(bytes === undefined ? {} : { 'content-type': 'application/json' }) },
        signal: signals(JSON_TIMEOUT_MS),
        redirect: 'manual',
        ...(bytes === undefined ? {} : { body: new Uint8Array(bytes) }),
      });
    } catch (error) {
      throw networkFailure(error);
    }
    return readJson(response);
  };

  return {
    kind: 'hub',
    getJson: (path) => request('GET', path),
    postJson: (path, body) => request('POST', path, body),
    lessons: ({ have, appVersion }) => request('GET', `/lessons?${have === null ? '' : `have=${have}&`}app=${encodeURIComponent(appVersion)}`),
    configs: () => request('GET', '/config'),
    async openFile(sha256, offset, signal): Promise<FileStream> {
      const url = hubEndpoint(options.hubUrl, `${base}/files/${sha256}`);
      const idle = new AbortController();
      const idleMs = options.idleTimeoutMs ?? IDLE_TIMEOUT_MS;
      let timer = setTimeout(() => idle.abort(), idleMs);
      const all = AbortSignal.any([idle.signal, signal, ...(options.signal ? [options.signal] : [])]);
      let response: Response;
      try {
        response = await doFetch(url, { headers: { ...headers('GET', url, EMPTY_BODY_HASH), ...(offset > 0 ? { range: `bytes=${offset}-` } : {}) }, signal: all, redirect: 'manual' });
      } catch (error) {
        clearTimeout(timer);
        throw networkFailure(error);
      }
      if (response.status === 404) {
        clearTimeout(timer);
        await response.body?.cancel().catch(() => undefined);
        throw new FleetError('file_missing', `the hub does not hold ${sha256.slice(0, 12)}…`);
      }
      if (response.status === 416) {
        clearTimeout(timer);
        await response.body?.cancel().catch(() => undefined);
        throw new FleetError('file_size', `the hub holds fewer than ${offset} bytes of ${sha256.slice(0, 12)}…`);
      }
      if ((response.status !== 200 && response.status !== 206) || response.body === null) {
        clearTimeout(timer);
        await readJson(response);
        throw new FleetError('hub_bad_answer', `the hub answered ${response.status} for a file`);
      }
      const range = /^bytes (\d+)-\d+\/\d+$/.exec(response.headers.get('content-range') ?? '');
      const start = response.status === 206 ? Number(range?.[1] ?? NaN) : 0;
      if (!Number.isFinite(start)) throw new FleetError('hub_bad_answer', 'a 206 answer without a usable Content-Range');
      const reader = response.body;
      async function* body(): AsyncGenerator<Uint8Array> {
        try {
          for await (const chunk of reader) {
            clearTimeout(timer);
            timer = setTimeout(() => idle.abort(), idleMs);
            yield chunk;
          }
        } catch (error) {
          throw networkFailure(error);
        } finally {
          clearTimeout(timer);
        }
      }
      return { offset: start, body: body() };
    },
  };
}
