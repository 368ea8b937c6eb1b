/**
 * The `Authorization` header of docs/PROTOCOL.md §3:
 * `TramStation id=<station_id>, ts=<ms>, nonce=<from the last cursor or "-">, sig=<b64>`.
 * The parser is lenient about spacing, parameter order and optional double quotes, and strict about
 * presence and shape, so a malformed header is an `unauthorized`, never a crash.
 */
export const AUTH_SCHEME = 'TramStation';

/** The nonce a station sends before it has seen a cursor. */
export const NO_NONCE = '-';

export interface StationAuthorization {
  readonly stationId: string;
  readonly ts: number;
  readonly nonce: string;
  /** b64 Ed25519 signature over `requestSigningText(...)`. */
  readonly sig: string;
}

export type AuthorizationParse =
  | { readonly ok: true; readonly value: StationAuthorization }
  | { readonly ok: false; readonly reason: string };

const B64_PATTERN = /^[A-Za-z0-9+/]+={0,2}$/;
const TOKEN_PATTERN = /^[\x21-\x7e]{1,200}$/;

/** Formats the header value a station sends. */
export function formatAuthorization(auth: StationAuthorization): string {
  return `${AUTH_SCHEME} id=${auth.stationId}, ts=${auth.ts}, nonce=${auth.nonce}, sig=${auth.sig}`;
}

/** Parses a header value; any missing, repeated or ill-formed parameter fails. */
export function parseAuthorization(header: string | undefined): AuthorizationParse {
  if (header === undefined) return { ok: false, reason: 'missing header' };
  const trimmed = header.trim();
  const space = trimmed.indexOf(' ');
  if (space < 0 || trimmed.slice(0, space).toLowerCase() !== AUTH_SCHEME.toLowerCase()) {
    return { ok: false, reason: 'wrong scheme' };
  }
  const params = new Map<string, string>();
  for (const part of trimmed.slice(space + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return { ok: false, reason: 'parameter without value' };
    const key = part.slice(0, eq).trim().toLowerCase();
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    if (params.has(key)) return { ok: false, reason: `repeated ${key}` };
    params.set(key, value);
  }
  const stationId = params.get('id');
  const ts = params.get('ts');
  const nonce = params.get('nonce');
  const sig = params.get('sig');
  if (stationId === undefined || !TOKEN_PATTERN.test(stationId)) return { ok: false, reason: 'id' };
  if (ts === undefined || !/^-?\d{1,16}$/.test(ts) || !Number.isSafeInteger(Number(ts))) return { ok: false, reason: 'ts' };
  if (nonce === undefined || !TOKEN_PATTERN.test(nonce)) return { ok: false, reason: 'nonce' };
  if (sig === undefined || !B64_PATTERN.test(sig) || sig.length % 4 !== 0) return { ok: false, reason: 'sig' };
  return { ok: true, value: { stationId, ts: Number(ts), nonce, sig } };
}
