/**
 * Tells a keyboard-wedge scanner from a person typing, in the renderer (reference §2.1; the defaults
 * follow onScan.js: ~30 ms per character, minimum length 6, Enter/Tab suffix, 100 ms quiet time).
 *
 * Invariants:
 * - only single-character keys join a burst; modifier and navigation keys are ignored;
 * - a gap longer than `maxGapMs` between two characters starts a new burst (humans type ≥ 100 ms apart);
 * - a burst becomes a scan only if it has ≥ `minLength` characters and an average gap < `maxAvgGapMs`;
 * - a suffix key (Enter, Tab) ends the burst at once; without a suffix, `flush(now)` ends it after
 *   `quietMs` of silence. Either way the buffer is emptied, scan or not.
 * Time comes with each event; the detector reads no clock.
 */

export type WedgeKeyEvent = { readonly key: string; readonly timeMs: number };
export type WedgeResult = { readonly kind: 'scan'; readonly text: string } | { readonly kind: 'none' };

export type WedgeOptions = {
  readonly maxAvgGapMs?: number;
  readonly maxGapMs?: number;
  readonly minLength?: number;
  readonly quietMs?: number;
  readonly suffixKeys?: readonly string[];
};

const NONE: WedgeResult = { kind: 'none' };

/** Stateful detector: call `key` for every keydown and `flush` from an idle timer. */
export class WedgeBurstDetector {
  private chars: string[] = [];
  private firstAtMs = 0;
  private lastAtMs = 0;
  private readonly maxAvgGapMs: number;
  private readonly maxGapMs: number;
  private readonly minLength: number;
  private readonly quietMs: number;
  private readonly suffixKeys: ReadonlySet<string>;

  constructor(options: WedgeOptions = {}) {
    this.maxAvgGapMs = options.maxAvgGapMs ?? 35;
    this.maxGapMs = options.maxGapMs ?? 100;
    this.minLength = options.minLength ?? 6;
    this.quietMs = options.quietMs ?? 100;
    this.suffixKeys = new Set(options.suffixKeys ?? ['Enter', 'Tab']);
  }

  /** Feeds one key event; returns the scanned text when this key completes a scanner burst. */
  key(event: WedgeKeyEvent): WedgeResult {
    if (this.suffixKeys.has(event.key)) return this.finish();
    if ([...event.key].length !== 1) return NONE;
    if (this.chars.length > 0 && event.timeMs - this.lastAtMs > this.maxGapMs) this.chars = [];
    if (this.chars.length === 0) this.firstAtMs = event.timeMs;
    this.chars.push(event.key);
    this.lastAtMs = event.timeMs;
    return NONE;
  }

  /** Ends a suffix-less burst once the keyboard has been quiet for `quietMs`. */
  flush(nowMs: number): WedgeResult {
    if (this.chars.length === 0 || nowMs - this.lastAtMs < this.quietMs) return NONE;
    return this.finish();
  }

  /** True while characters are buffered (the renderer may hold them back from the focused field). */
  get isBuffering(): boolean {
    return this.chars.length > 0;
  }

  private finish(): WedgeResult {
    const chars = this.chars;
    this.chars = [];
    if (chars.length < this.minLength || chars.length < 2) return NONE;
    const averageGap = (this.lastAtMs - this.firstAtMs) / (chars.length - 1);
    return averageGap < this.maxAvgGapMs ? { kind: 'scan', text: chars.join('') } : NONE;
  }
}

/** Runs a whole recorded key sequence through a fresh detector and returns the scans it finds. */
export function detectWedgeScans(events: readonly WedgeKeyEvent[], options: WedgeOptions = {}): string[] {
  const detector = new WedgeBurstDetector(options);
  const scans: string[] = [];
  for (const event of events) {
    const quiet = detector.flush(event.timeMs);
    if (quiet.kind === 'scan') scans.push(quiet.text);
    const result = detector.key(event);
    if (result.kind === 'scan') scans.push(result.text);
  }
  const tail = detector.flush(Number.POSITIVE_INFINITY);
  if (tail.kind === 'scan') scans.push(tail.text);
  return scans;
}

