/**
 * Hybrid logical clock of docs/PROTOCOL.md §4: `<13-digit ms>-<4-digit counter>`.
 *
 * Invariant: on one station the HLC never decreases, whatever the wall clock does. When the wall clock
 * is behind the last HLC (it was set back), the counter grows; when the counter would overflow four
 * digits, the millisecond part is advanced by one instead. Lexicographic order equals time order
 * because both parts are zero-padded.
 */
export interface Hlc {
  readonly ms: number;
  readonly counter: number;
}

const MAX_MS = 9_999_999_999_999;
const MAX_COUNTER = 9999;

/** The next HLC after `previous` for an event seen at wall-clock time `wallMs`. */
export function tickHlc(previous: Hlc | null, wallMs: number): Hlc {
  const wall = Math.min(MAX_MS, Math.max(0, Math.floor(wallMs)));
  if (previous === null || wall > previous.ms) return { ms: wall, counter: 0 };
  if (previous.counter < MAX_COUNTER) return { ms: previous.ms, counter: previous.counter + 1 };
  return { ms: previous.ms + 1, counter: 0 };
}

export function formatHlc(hlc: Hlc): string {
  return `${String(hlc.ms).padStart(13, '0')}-${String(hlc.counter).padStart(4, '0')}`;
}

const HLC_PATTERN = /^(\d{13})-(\d{4})$/;

/** Parses an HLC string; null when it is not in the protocol's format. */
export function parseHlc(text: string): Hlc | null {
  const match = HLC_PATTERN.exec(text);
  if (!match) return null;
  return { ms: Number(match[1]), counter: Number(match[2]) };
}
