/**
 * Numbers in Vietnamese words, the way a Northern speaker reads them aloud (the register of VTV news
 * and of the lessons): 21 "hai mươi mốt", 24 "hai mươi tư", 25 "hai mươi lăm", 15 "mười lăm",
 * 105 "một trăm linh năm", 2025 "hai nghìn không trăm hai mươi lăm", 1.000.000 "một triệu".
 *
 * Rules (each has a case in tests/core/narration/normalize-speech.test.ts):
 * - 1 after "mươi" (21, 31 …) is "mốt"; after "mười" (11) it stays "một";
 * - 5 after "mươi"/"mười" is "lăm"; 4 after "mươi" (24, 34 …) is "tư";
 * - a 0 tens digit before a units digit is "linh" (105, 2005);
 * - a group of three after a larger unit is read in full ("không trăm …"); an all-zero group is skipped;
 * - units: nghìn, triệu, tỷ; above that, "nghìn tỷ", "triệu tỷ" (Vietnamese has no further words).
 */

const DIGIT_WORDS = ['không', 'một', 'hai', 'ba', 'bốn', 'năm', 'sáu', 'bảy', 'tám', 'chín'] as const;
const GROUP_UNITS = ['', 'nghìn', 'triệu', 'tỷ'] as const;

function digitWord(digit: number): string {
  return DIGIT_WORDS[digit] ?? '';
}

/** One digit as a word, for reading codes and phone numbers digit by digit. */
export function digitName(digit: string): string {
  return digitWord(Number(digit));
}

/** Digits one by one ("0912" → "không chín một hai"). Non-digits are dropped. */
export function readDigits(digits: string): string {
  return [...digits].filter((c) => c >= '0' && c <= '9').map(digitName).join(' ');
}

/** Tens and units of a number below 100, with the hundreds already said or not (`afterHundreds`). */
function belowHundred(n: number, afterHundreds: boolean): string[] {
  const tens = Math.floor(n / 10);
  const units = n % 10;
  if (tens === 0) {
    if (units === 0) return [];
    return afterHundreds ? ['linh', digitWord(units)] : [digitWord(units)];
  }
  const words = tens === 1 ? ['mười'] : [digitWord(tens), 'mươi'];
  if (units === 0) return words;
  if (units === 5) return [...words, 'lăm'];
  if (units === 1 && tens > 1) return [...words, 'mốt'];
  if (units === 4 && tens > 1) return [...words, 'tư'];
  return [...words, digitWord(units)];
}

/** A group of three digits (0–999); `full` reads a leading "không trăm" (a group after a larger unit). */
function group(n: number, full: boolean): string[] {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 0 && !full) return belowHundred(rest, false);
  return [digitWord(hundreds), 'trăm', ...belowHundred(rest, true)];
}

/**
 * A whole number written with digits only (any length; leading zeros ignored) in words.
 * Numbers are split into groups of three; every fourth group repeats "tỷ" ("một nghìn tỷ").
 */
export function integerToWords(digits: string): string {
  const clean = digits.replace(/^0+(?=\d)/, '');
  if (!/^\d+$/.test(clean)) throw new RangeError(`not a whole number: "${digits}"`);
  if (clean === '0') return 'không';
  const groups: number[] = [];
  for (let end = clean.length; end > 0; end -= 3) groups.unshift(Number(clean.slice(Math.max(0, end - 3), end)));
  const words: string[] = [];
  groups.forEach((value, index) => {
    if (value === 0) return;
    const position = groups.length - 1 - index;
    const isFirst = words.length === 0;
    words.push(...group(value, !isFirst));
    words.push(...unitWords(position));
  });
  return words.join(' ');
}

/** The unit after the group at `position` (0 = units): nghìn, triệu, tỷ, nghìn tỷ, triệu tỷ, tỷ tỷ … */
function unitWords(position: number): string[] {
  if (position === 0) return [];
  const billions = Math.floor(position / 3);
  const below = position % 3;
  const words: string[] = below === 0 ? [] : [GROUP_UNITS[below] ?? ''];
  for (let i = 0; i < billions; i++) words.push('tỷ');
  return words;
}

/**
 * A number as written in Vietnamese text: dots group thousands ("1.000.000"), a comma starts the
 * decimals ("2,5" → "hai phẩy năm"). Decimals are read digit by digit after "phẩy", except a
 * two-digit decimal without a leading zero, which is read as a number ("1,25" → "một phẩy hai mươi lăm"),
 * as Vietnamese speakers do.
 */
export function numberToWords(written: string): string {
  const [whole = '', decimals] = written.split(',');
  const integer = integerToWords(whole.replace(/\./g, ''));
  if (decimals === undefined || decimals === '') return integer;
  const fraction = decimals.length === 2 && !decimals.startsWith('0') ? integerToWords(decimals) : readDigits(decimals);
  return `${integer} phẩy ${fraction}`;
}

/** "thứ 1" → "thứ nhất", "thứ 4" → "thứ tư"; other ordinals are the plain number ("thứ 2" → "thứ hai"). */
export function ordinalToWords(digits: string): string {
  if (digits === '1') return 'nhất';
  if (digits === '4') return 'tư';
  return integerToWords(digits);
}

/** A month number as said after "tháng": "tháng tư" for 4, otherwise the number. */
export function monthToWords(month: number): string {
  return month === 4 ? 'tư' : integerToWords(String(month));
}
