/**
 * Finds what looks like a phone number or SMS short code in Vietnamese lesson text, so the schema
 * can insist that every number a learner might dial is declared as a `phone` fact (and so falls back
 * to the safe advice while it is unconfirmed: see safe-advice.ts).
 *
 * A heuristic on purpose narrow: a run of 3–11 digits right after a word that sends someone to a
 * number ("gọi 113", "đầu số 156", "nhắn tin tới 5656", "tổng đài 1800 8108"). Amounts, counts and
 * dates ("gửi 5.000 đồng", "12 số", "1/7/2024") and digits without such a word (a sample password
 * "0987654321" in a quiz) are not numbers to dial and are left alone.
 */

/** Words after which a number is one to call or text. */
const CONTACT_WORD = String.raw`(?:gọi|số|đầu số|tổng đài|đường dây nóng|hotline|nhắn|gửi)(?:\s+(?:tin|tới|đến|vào|về|cho|lại|máy|điện thoại))*`;
/** Digits, allowing one space or dot between groups ("1800 8108"), never ending on the separator. */
const DIGITS = String.raw`(\d(?:\d|[ .](?=\d))*)`;
/** Words that make the digits an amount, a count or a length, not a number to dial. */
const UNIT = String.raw`\s*(?:triệu|nghìn|ngàn|đồng|tỷ|%|ký tự|chữ số|số|lần|ngày|tháng|năm|phút|giờ|giây|người)(?![\p{L}])`;

// 'd' gives the index of the digits themselves, which the narration needs to read them one by one.
const MENTION = new RegExp(String.raw`(?<![\p{L}\d])${CONTACT_WORD}(?:\s*[:“”"'(])*\s*${DIGITS}(?![\p{L}\d/])(?!${UNIT})`, 'dgiu');

export const MIN_PHONE_DIGITS = 3;
export const MAX_PHONE_DIGITS = 11;

/** Where a dialable-looking number stands in a text: `written` is text.slice(start, end), separators kept. */
export type PhoneMention = { readonly start: number; readonly end: number; readonly written: string; readonly digits: string };

/** Every dialable-looking number in `text`, in order, with its place (core/narration reads them digit by digit). */
export function phoneMentionSpans(text: string): PhoneMention[] {
  const found: PhoneMention[] = [];
  for (const match of text.matchAll(MENTION)) {
    const written = match[1] ?? '';
    const digits = written.replace(/[ .]/g, '');
    const start = match.indices?.[1]?.[0];
    if (start === undefined || digits.length < MIN_PHONE_DIGITS || digits.length > MAX_PHONE_DIGITS) continue;
    found.push({ start, end: start + written.length, written, digits });
  }
  return found;
}

/** The digits of every dialable-looking number in `text`, separators removed, in order. */
export function phoneMentions(text: string): string[] {
  return phoneMentionSpans(text).map((mention) => mention.digits);
}

/** Only the digits of a phone number as a fact writes it ("1800 8108" → "18008108"). */
export function phoneDigits(text: string): string {
  return text.replace(/[ .]/g, '');
}

/** True when `number` (as written in a fact) stands in `text` as a whole number, not inside a longer one. */
export function containsNumber(text: string, number: string): boolean {
  const escaped = number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(String.raw`(?<![\d])${escaped}(?![\d])`, 'u').test(text);
}
