/**
 * US-layout map between characters and USB HID Keyboard/Keypad page (0x07) usage IDs, the only
 * thing a keyboard-wedge scanner can send (reference §2.1). Characters outside this map cannot be
 * typed by a wedge and are dropped, as a real scanner does.
 */

/** One key press that yields a character: the usage ID plus whether Shift is held. */
export type KeyStroke = { readonly usage: number; readonly shift: boolean };

// Usage → [unshifted, shifted] for the main block. Letters 0x04–0x1D and digits are generated.
const SYMBOL_KEYS: ReadonlyArray<readonly [number, string, string]> = [
  [0x28, '\n', '\n'], // Enter: a scanner's usual suffix
  [0x2b, '\t', '\t'],
  [0x2c, ' ', ' '],
  [0x2d, '-', '_'],
  [0x2e, '=', '+'],
  [0x2f, '[', '{'],
  [0x30, ']', '}'],
  [0x31, '\\', '|'], // the CCCD field separator is Shift + 0x31 on a US layout
  [0x33, ';', ':'],
  [0x34, "'", '"'],
  [0x35, '`', '~'],
  [0x36, ',', '<'],
  [0x37, '.', '>'],
  [0x38, '/', '?'],
];

// Keypad keys type the same character with or without Shift (NumLock assumed on, as scanners expect).
const KEYPAD_KEYS: ReadonlyArray<readonly [number, string]> = [
  [0x54, '/'],
  [0x55, '*'],
  [0x56, '-'],
  [0x57, '+'],
  [0x58, '\n'],
  [0x59, '1'],
  [0x5a, '2'],
  [0x5b, '3'],
  [0x5c, '4'],
  [0x5d, '5'],
  [0x5e, '6'],
  [0x5f, '7'],
  [0x60, '8'],
  [0x61, '9'],
  [0x62, '0'],
  [0x63, '.'],
];

const DIGIT_SHIFTED = '!@#$%^&*()';

function buildUsageTable(): Map<number, readonly [string, string]> {
  const table = new Map<number, readonly [string, string]>();
  for (let i = 0; i < 26; i += 1) {
    const lower = String.fromCharCode(0x61 + i);
    table.set(0x04 + i, [lower, lower.toUpperCase()]);
  }
  for (let i = 0; i < 10; i += 1) {
    // 0x1E..0x26 are 1..9, 0x27 is 0
    const digit = String((i + 1) % 10);
    table.set(0x1e + i, [digit, DIGIT_SHIFTED.charAt(i)]);
  }
  for (const [usage, plain, shifted] of SYMBOL_KEYS) table.set(usage, [plain, shifted]);
  for (const [usage, ch] of KEYPAD_KEYS) table.set(usage, [ch, ch]);
  return table;
}

const USAGE_TABLE = buildUsageTable();

function buildStrokeTable(): Map<string, KeyStroke> {
  const strokes = new Map<string, KeyStroke>();
  // Main-block keys win over keypad keys for the same character: that is what scanners send by default.
  for (const [usage, [plain, shifted]] of USAGE_TABLE) {
    if (usage >= 0x54) continue;
    if (!strokes.has(plain)) strokes.set(plain, { usage, shift: false });
    if (!strokes.has(shifted)) strokes.set(shifted, { usage, shift: true });
  }
  return strokes;
}

const STROKE_TABLE = buildStrokeTable();

/** The character a usage types on a US layout, or `undefined` for keys that type nothing. */
export function characterForUsage(usage: number, shift: boolean): string | undefined {
  const pair = USAGE_TABLE.get(usage);
  if (pair === undefined) return undefined;
  return shift ? pair[1] : pair[0];
}

/** The key stroke that types `ch` on a US layout, or `undefined` when a wedge cannot type it. */
export function strokeForCharacter(ch: string): KeyStroke | undefined {
  if (ch === '\r') return STROKE_TABLE.get('\n');
  return STROKE_TABLE.get(ch);
}
