/**
 * Reassembles HID-POS scanned-data reports into one scan, then decodes it as UTF-8 (reference §1.4
 * rule 1, §2.3). Follows the continuation-flag scheme of the Honeywell firmware and the HID-POS usage
 * tables: every report carries up to 56 data bytes; bit 0 of the flags byte says more follow.
 *
 * Invariants:
 * - bytes are concatenated first and decoded once, so a multi-byte character split across two
 *   reports survives; an invalid sequence fails the whole scan ('invalid_utf8'), never U+FFFD;
 * - a partial scan lives at most `timeoutMs` (default 300 ms) after its latest report; `flush(now)`
 *   reports it as 'truncated' and drops it. A report arriving after that deadline starts afresh (the
 *   stale part is dropped and counted in `stalePartialsDropped`), so a lost last report never glues
 *   two scans together;
 * - a scan above `maxBytes` fails once, as 'overlong', at its last report (or at flush/end); the
 *   reports in between are swallowed so the stream's tail is never mistaken for a scan of its own;
 * - a refused report (wrong size, other report ID, bad length byte) changes no state.
 * Time is passed in (`nowMs`), never read: the core has no clock.
 */
import { decodeUtf8Strict } from './utf8';
import { posLayoutForLength, readPosReport, POS_SCAN_REPORT_ID, type PosLayoutName } from './hid-pos-layout';
import { scanningError, type ScanningError, type ScanningErrorCode } from './scanning-error';

export const DEFAULT_POS_TIMEOUT_MS = 300;
/** A QR code holds at most 2,953 bytes; anything above this cap is not a real scan. */
export const DEFAULT_MAX_SCAN_BYTES = 4096;

export type PosAssemblerOptions = {
  readonly layout?: PosLayoutName | 'auto';
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly reportId?: number;
};

export type PosScan = {
  readonly kind: 'scan';
  readonly bytes: Uint8Array;
  readonly text: string;
  /** AIM symbology identifier of the first report, e.g. "]Q1"; empty when not printable. */
  readonly symbology: string;
};
export type PosError = { readonly kind: 'error'; readonly code: ScanningErrorCode; readonly message: string };
export type PosPushResult = PosScan | { readonly kind: 'partial' } | PosError;
export type PosFlushResult = { readonly kind: 'idle' } | { readonly kind: 'partial' } | PosError;

type Partial = { chunks: Uint8Array[]; size: number; lastAtMs: number; symbology: Uint8Array; discarding: boolean };

function toPosError(error: ScanningError): PosError {
  return { kind: 'error', code: error.code, message: error.message };
}

function symbologyText(bytes: Uint8Array): string {
  return Array.from(bytes).every((b) => b >= 0x21 && b <= 0x7e) ? String.fromCharCode(...bytes) : '';
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.length;
  }
  return out;
}

/** Joins HID-POS reports of one device into scans. One instance per device. */
export class HidPosAssembler {
  private partial: Partial | null = null;
  private readonly layout: PosLayoutName | 'auto';
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly reportId: number;
  /** How many stale partial scans were dropped by `push` (observability; flush reports them itself). */
  stalePartialsDropped = 0;

  constructor(options: PosAssemblerOptions = {}) {
    this.layout = options.layout ?? 'auto';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_POS_TIMEOUT_MS;
    this.maxBytes = options.maxBytes ?? DEFAULT_MAX_SCAN_BYTES;
    this.reportId = options.reportId ?? POS_SCAN_REPORT_ID;
  }

  /** True while a multi-report scan waits for its next report. */
  get hasPartial(): boolean {
    return this.partial !== null;
  }

  /** When the pending partial times out (ms, same clock as `nowMs`), or null when nothing waits. */
  partialDeadline(): number | null {
    return this.partial === null ? null : this.partial.lastAtMs + this.timeoutMs;
  }

  /** Feeds one report received at `nowMs`. */
  push(report: Uint8Array, nowMs: number): PosPushResult {
    const layout = this.layout === 'auto' ? posLayoutForLength(report.length) : this.layout;
    if (layout === undefined) {
      return { kind: 'error', code: 'bad_report_length', message: `no HID-POS layout has ${report.length}-byte reports` };
    }
    const chunk = readPosReport(report, layout, this.reportId);
    if (!chunk.ok) return toPosError(chunk);

    if (this.partial !== null && this.isStale(this.partial, nowMs)) {
      this.partial = null;
      this.stalePartialsDropped += 1;
    }
    const current: Partial = this.partial ?? { chunks: [], size: 0, lastAtMs: nowMs, symbology: chunk.symbology, discarding: false };
    this.partial = current;
    current.lastAtMs = nowMs;

    if (!current.discarding && current.size + chunk.data.length > this.maxBytes) {
      current.discarding = true;
      current.chunks = [];
      current.size = 0;
    }
    if (current.discarding) {
      if (chunk.more) return { kind: 'partial' };
      this.partial = null;
      return { kind: 'error', code: 'overlong', message: `scan exceeds ${this.maxBytes} bytes` };
    }

    current.chunks.push(chunk.data);
    current.size += chunk.data.length;
    if (chunk.more) return { kind: 'partial' };

    this.partial = null;
    if (current.size === 0) return toPosError(scanningError('empty_scan', 'the scanner sent a scan without data'));
    const bytes = concat(current.chunks, current.size);
    const text = decodeUtf8Strict(bytes);
    if (text === null) return toPosError(scanningError('invalid_utf8', 'the scanned bytes are not valid UTF-8'));
    return { kind: 'scan', bytes, text, symbology: symbologyText(current.symbology) };
  }

  /** Reports and drops a partial scan whose next report is overdue at `nowMs`. */
  flush(nowMs: number): PosFlushResult {
    if (this.partial === null) return { kind: 'idle' };
    if (!this.isStale(this.partial, nowMs)) return { kind: 'partial' };
    return this.dropPartial();
  }

  /** End of stream (device closed, input ended): any partial scan is truncated. */
  end(): PosFlushResult {
    return this.partial === null ? { kind: 'idle' } : this.dropPartial();
  }

  private dropPartial(): PosError {
    const wasOverlong = this.partial?.discarding === true;
    this.partial = null;
    return wasOverlong
      ? { kind: 'error', code: 'overlong', message: `scan exceeds ${this.maxBytes} bytes` }
      : { kind: 'error', code: 'truncated', message: 'a multi-report scan stopped before its last report' };
  }

  private isStale(partial: Partial, nowMs: number): boolean {
    return nowMs - partial.lastAtMs > this.timeoutMs;
  }
}
