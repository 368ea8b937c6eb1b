/**
 * The enrolment QR (issue #17): what the hub's stations page shows beside a one-time code, so the
 * kiosk's own scanner can read it instead of a volunteer typing 20 characters:
 *
 *     TRAMENROL1:<hub origin>|<station id>|<code>
 *
 * The origin is the hub's scheme, host and port (no path), exactly as a station config's `hub.url`
 * gives it; the station refuses a QR whose origin or station id is not its own. The code is secret:
 * whoever handles the text must never log it.
 */
import { STATION_ID_PATTERN } from './limits';

export const ENROL_QR_PREFIX = 'TRAMENROL1:';
const CODE_PATTERN = /^[0-9A-Za-z-]{16,40}$/;
const ORIGIN_PATTERN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-fA-F:.]+\](:\d{1,5})?$/;

export interface EnrolQr {
  readonly origin: string;
  readonly stationId: string;
  readonly code: string;
}

export type EnrolQrParse = { readonly ok: true; readonly value: EnrolQr } | { readonly ok: false; readonly reason: 'not_enrol_qr' | 'malformed' };

/** True when a scanned text is meant as an enrolment QR (whether or not it is well-formed). */
export function isEnrolQr(text: string): boolean {
  return text.startsWith(ENROL_QR_PREFIX);
}

export function formatEnrolQr(qr: EnrolQr): string {
  return `${ENROL_QR_PREFIX}${qr.origin}|${qr.stationId}|${qr.code}`;
}

/** Parses a scanned enrolment QR; the origin is lower-cased (hosts are case-insensitive). */
export function parseEnrolQr(text: string): EnrolQrParse {
  if (!isEnrolQr(text)) return { ok: false, reason: 'not_enrol_qr' };
  const parts = text.slice(ENROL_QR_PREFIX.length).trim().split('|');
  if (parts.length !== 3) return { ok: false, reason: 'malformed' };
  const [origin = '', stationId = '', code = ''] = parts;
  if (!ORIGIN_PATTERN.test(origin) || !STATION_ID_PATTERN.test(stationId) || !CODE_PATTERN.test(code)) return { ok: false, reason: 'malformed' };
  return { ok: true, value: { origin: origin.toLowerCase(), stationId, code } };
}

/** The origin of a URL as the QR carries it (`https://hub.example:8443`), or null when it is not a URL. */
export function originOf(url: string): string | null {
  const match = /^(https?):\/\/([^/?#]+)/i.exec(url.trim());
  if (match === null) return null;
  const scheme = (match[1] ?? '').toLowerCase();
  let host = (match[2] ?? '').toLowerCase();
  if (host.includes('@')) return null;
  if ((scheme === 'https' && host.endsWith(':443')) || (scheme === 'http' && host.endsWith(':80'))) host = host.replace(/:\d+$/, '');
  return `${scheme}://${host}`;
}
