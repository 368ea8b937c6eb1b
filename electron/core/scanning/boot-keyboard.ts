/**
 * USB boot-keyboard report codec (HID 1.11 appendix B), for scanners in keyboard-wedge mode.
 *
 * Report: byte 0 modifier bitmap, byte 1 reserved, bytes 2–7 up to six pressed usages.
 * Invariants of the decoder:
 * - a usage types its character once, in the first report where it appears (key rollover: a key
 *   held across several reports is not repeated); it may type again only after a report without it;
 * - an all-zero report releases everything;
 * - a report whose key slots hold 0x01–0x03 (ErrorRollOver/POSTFail/ErrorUndefined) is a phantom
 *   state and changes nothing;
 * - strokes with Ctrl, Alt or GUI held, and usages with no US-layout character, type nothing
 *   (counted in `dropped`), which is also what a wedge does with characters it cannot type.
 */
import { characterForUsage, strokeForCharacter } from './keyboard-usages';
import { scanningError, type ScanningError } from './scanning-error';

export const BOOT_REPORT_LENGTH = 8;

const SHIFT_BITS = 0x02 | 0x20;
const NON_TEXT_MODIFIERS = 0x01 | 0x04 | 0x08 | 0x10 | 0x40 | 0x80; // Ctrl, Alt, GUI (left and right)

export type KeyboardPushResult = { readonly ok: true; readonly text: string; readonly dropped: number } | ScanningError;

/** Stateful decoder: feed reports in arrival order, collect the typed characters. */
export class BootKeyboardDecoder {
  private held = new Set<number>();

  /** Decodes one 8-byte report; a bad report is refused and leaves the key state unchanged. */
  push(report: Uint8Array): KeyboardPushResult {
    if (report.length !== BOOT_REPORT_LENGTH) {
      return scanningError('bad_report_length', `keyboard report must be ${BOOT_REPORT_LENGTH} bytes, got ${report.length}`);
    }
    const keys = Array.from(report.subarray(2)).filter((usage) => usage !== 0);
    if (keys.some((usage) => usage >= 0x01 && usage <= 0x03)) return { ok: true, text: '', dropped: 0 };
    const modifiers = report[0] ?? 0;
    const shift = (modifiers & SHIFT_BITS) !== 0;
    const typesText = (modifiers & NON_TEXT_MODIFIERS) === 0;
    let text = '';
    let dropped = 0;
    for (const usage of keys) {
      if (this.held.has(usage)) continue;
      const ch = typesText ? characterForUsage(usage, shift) : undefined;
      if (ch === undefined) dropped += 1;
      else text += ch;
    }
    this.held = new Set(keys);
    return { ok: true, text, dropped };
  }

  /** Forgets held keys, e.g. after the device was replugged. */
  reset(): void {
    this.held.clear();
  }
}

/** Decodes a whole report sequence into the text it types. */
export function decodeKeyboardReports(reports: readonly Uint8Array[]): KeyboardPushResult {
  const decoder = new BootKeyboardDecoder();
  let text = '';
  let dropped = 0;
  for (const report of reports) {
    const result = decoder.push(report);
    if (!result.ok) return result;
    text += result.text;
    dropped += result.dropped;
  }
  return { ok: true, text, dropped };
}

/**
 * Encodes text as a wedge scanner would type it: a press report then an all-zero release report per
 * character. Characters a US-layout wedge cannot type (e.g. "ễ") are dropped.
 */
export function encodeKeyboardReports(text: string): Uint8Array[] {
  const reports: Uint8Array[] = [];
  for (const ch of text) {
    const stroke = strokeForCharacter(ch);
    if (stroke === undefined) continue;
    const press = new Uint8Array(BOOT_REPORT_LENGTH);
    press[0] = stroke.shift ? 0x02 : 0x00;
    press[2] = stroke.usage;
    reports.push(press, new Uint8Array(BOOT_REPORT_LENGTH));
  }
  return reports;
}
