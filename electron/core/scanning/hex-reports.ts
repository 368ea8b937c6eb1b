/**
 * Text form of report captures, used by fixtures, `tram hid decode` and the simulator:
 * one report per line, hex bytes optionally separated by spaces, ':' or ','; '#' starts a comment;
 * an optional leading `@<ms>` gives the arrival time (otherwise the previous line's time, from 0).
 */
import { scanningError, type ScanningError } from './scanning-error';

export type TimedReport = { readonly bytes: Uint8Array; readonly atMs: number };
export type HexReportsResult = { readonly ok: true; readonly reports: TimedReport[] } | (ScanningError & { readonly line: number });

const TIME_PREFIX = /^@(\d{1,9})\s+/;

/** Parses a hex capture; the first bad line fails the whole capture (with its 1-based line number). */
export function parseHexReports(text: string): HexReportsResult {
  const reports: TimedReport[] = [];
  let atMs = 0;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index += 1) {
    let line = (lines[index] ?? '').replace(/#.*$/, '').trim();
    if (line === '') continue;
    const time = TIME_PREFIX.exec(line);
    if (time) {
      atMs = Number(time[1]);
      line = line.slice(time[0].length);
    }
    const digits = line.replace(/[\s:,]/g, '');
    if (digits.length === 0 || digits.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(digits)) {
      return { ...scanningError('bad_hex', `line ${index + 1} is not a sequence of whole hex bytes`), line: index + 1 };
    }
    const bytes = new Uint8Array(digits.length / 2);
    for (let i = 0; i < bytes.length; i += 1) bytes[i] = Number.parseInt(digits.slice(i * 2, i * 2 + 2), 16);
    reports.push({ bytes, atMs });
  }
  return { ok: true, reports };
}

/** Formats reports as a hex capture, one space-separated line per report. */
export function formatHexReports(reports: readonly Uint8Array[]): string {
  return reports.map((report) => Array.from(report, (b) => b.toString(16).padStart(2, '0')).join(' ')).join('\n') + '\n';
}
