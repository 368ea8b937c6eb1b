/**
 * Vietnamese text → the words a speech engine should say. One function for every engine (the
 * rendered pack audio, the system voice, the bundled voice), so a learner hears "ngày một tháng bảy
 * năm hai nghìn không trăm hai mươi tư" for "1/7/2024" whichever voice speaks.
 *
 * Rules run in a fixed order; each turns what it matches into plain Vietnamese words (no digits, no
 * symbols), so a later rule never reads the output of an earlier one a second time:
 *  1. web addresses ("dichvucong.gov.vn" → "dịch vụ công chấm gốp chấm vê en");
 *  2. numbers of legal documents ("Quyết định 2733/QĐ-BYT" → "… số hai nghìn … của Bộ Y tế");
 *  3. dates and month/year ("1/7/2024", "tháng 5/2025"), times ("8h30");
 *  4. phone numbers, digit by digit: after a word that sends someone to a number (the same rule
 *     as the schema's phone facts, lessons/phone-mentions.ts), emergency numbers 111–115,
 *     "1800 …"/"1900 …", numbers with a leading 0 or "+84", and unseparated runs of 5+ digits (codes);
 *  5. codes mixing letters and digits ("C06", "Lan#Hoa2025": digits one by one);
 *  6. percentages, amounts in "đ"/"VNĐ", ranges ("8–20" → "tám đến hai mươi"), "thứ 4", "tháng 4";
 *  7. every other number (vietnamese-numbers.ts);
 *  8. words of the lexicon (speech-lexicon.ts), then unknown acronyms spelled, then symbols.
 * Pure: no I/O, no clock. Tests: tests/core/narration/normalize-speech.test.ts (the ≥ 40-case table).
 */
import { phoneMentionSpans } from '../lessons/phone-mentions';
import { ADDRESS_PARTS, DOCUMENT_ISSUERS, DOCUMENT_KINDS, spellLetters, SYMBOLS, WORDS } from './speech-lexicon';
import { integerToWords, monthToWords, numberToWords, ordinalToWords, readDigits } from './vietnamese-numbers';

/** Not a letter or digit on this side: a Unicode-aware word boundary. */
const B = String.raw`(?<![\p{L}\p{N}])`;
const E = String.raw`(?![\p{L}\p{N}])`;
/** The start of a number: not inside a word, and not the "000" of "22.000" or the "5" of "2,5". */
const BN = String.raw`(?<![\p{L}\p{N}/])(?<!\p{N}[.,])`;
/** A number as written in Vietnamese: thousands grouped by dots, decimals after a comma. */
const NUMBER = String.raw`\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?`;
/** Words that make a number an amount or a count, never a code or a number to dial. */
const UNIT_AFTER = String.raw`(?!\s*(?:triệu|nghìn|ngàn|đồng|tỷ|%|ký tự|chữ số|số|lần|ngày|tháng|năm|phút|giờ|giây|người)${E})`;
const TOP_LEVEL_DOMAINS = 'vn|com|net|org|gov|edu|io|info|ly|xyz|me|app|asia|biz';
const DOCUMENT_WORDS = /(?:thông tư|nghị định|quyết định|nghị quyết|luật|chỉ thị|công văn)\s*$/iu;

type Rule = { readonly pattern: RegExp; readonly say: (match: RegExpExecArray, before: string, after: string) => string };

function rule(source: string, say: Rule['say'], flags = 'gu'): Rule {
  return { pattern: new RegExp(source, flags), say };
}

/** The text before the match, for rules that depend on the word in front ("ngày 1/7", "thứ 4"). */
function endsWithWord(before: string, word: string): boolean {
  return new RegExp(String.raw`${word}\s*$`, 'iu').test(before);
}

function sayAddress(host: string, path: string): string {
  const parts = host.split('.').filter((part) => part !== '').map(sayAddressPart);
  const words = [parts.join(' chấm ')];
  const pathWords = path
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/[…]/g, '').trim());
  for (const segment of pathWords) words.push('gạch chéo', ...(segment === '' ? [] : [sayAddressPart(segment)]));
  return words.join(' ');
}

function sayAddressPart(part: string): string {
  const lower = part.toLowerCase();
  const known = ADDRESS_PARTS.get(lower);
  if (known !== undefined) return known;
  if (/\d/.test(lower)) return lower.replace(/\d+/g, (digits) => ` ${readDigits(digits)} `).trim();
  if (lower.includes('-')) return lower.split('-').map(sayAddressPart).join(' gạch ngang ');
  return lower.length <= 4 ? spellLetters(lower) : lower;
}

function sayDocumentNumber(number: string, year: string | undefined, kind: string | undefined, issuer: string | undefined, before: string, after = ''): string {
  const words: string[] = [];
  const kindWords = kind === undefined ? undefined : DOCUMENT_KINDS.get(kind);
  if (kindWords !== undefined && !endsWithWord(before, kindWords)) words.push(kindWords);
  words.push('số', integerToWords(number));
  if (year !== undefined) words.push('năm', integerToWords(year));
  // "2733/QĐ-BYT của Bộ Y tế" already names the issuer.
  if (issuer !== undefined && !/^\s*của\s/u.test(after)) words.push('của', sayIssuer(issuer));
  return words.join(' ');
}

function sayIssuer(issuer: string): string {
  const [, letters = issuer, term] = /^(\D+)(\d*)$/u.exec(issuer) ?? [];
  const name = DOCUMENT_ISSUERS.get(letters) ?? spellLetters(letters);
  return term ? `${name} khóa ${integerToWords(term)}` : name;
}

function isDate(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

function sayDate(day: string, month: string, year: string | undefined, before: string): string {
  const words = endsWithWord(before, 'ngày') ? [] : ['ngày'];
  words.push(integerToWords(day), 'tháng', monthToWords(Number(month)));
  if (year !== undefined) words.push('năm', integerToWords(year));
  return words.join(' ');
}

/** Digits in groups as written ("1800 8108" → "một tám không không, tám một không tám"). */
function sayPhone(written: string): string {
  return written
    .split(/[ .-]+/)
    .filter((group) => group !== '')
    .map(readDigits)
    .join(', ');
}

/** A code mixing letters and digits: short capitals spelled, digits one by one, symbols named. */
function sayCode(code: string): string {
  const words: string[] = [];
  const startsWithDigit = /^\d/.test(code);
  for (const [run] of code.matchAll(/\d+|\p{L}+|[^\p{L}\d]/gu)) {
    if (/^\d/.test(run)) words.push(startsWithDigit && words.length === 0 ? integerToWords(run) : readDigits(run));
    else if (/^\p{L}/u.test(run)) words.push(WORDS.get(run) ?? (/^[A-ZĐ]{1,3}$/u.test(run) ? spellLetters(run) : run));
    else words.push(SYMBOLS.get(run) ?? ' ');
  }
  return words.join(' ');
}

const RULES: readonly Rule[] = [
  // "v.v." is "vân vân", not a web address.
  rule(String.raw`${B}v\.v\.?`, () => 'vân vân'),
  // 1. Web addresses: a host ending in a known top-level domain, or a bare ".gov.vn" suffix.
  rule(String.raw`(?<=^|\s)\.((?:[a-z0-9-]+\.)*(?:${TOP_LEVEL_DOMAINS}))${E}`, (m) => ` chấm ${sayAddress(m[1] ?? '', '')} `, 'giu'),
  rule(String.raw`${B}(?:https?:\/\/)?((?:[a-z0-9-]+\.)+(?:${TOP_LEVEL_DOMAINS}))((?:\/[^\s,;]*)?)${E}`, (m) => ` ${sayAddress(m[1] ?? '', m[2] ?? '')} `, 'giu'),
  // 2. Legal documents: 02/2025/TT-BGDĐT, 2733/QĐ-BYT, and "Nghị định 356/2025".
  rule(String.raw`${B}(\d+)\/(\d{4})\/(?:(\p{Lu}+)-)?(\p{L}+\d*)${E}`, (m, before, after) => sayDocumentNumber(m[1] ?? '', m[2], m[3], m[4], before, after)),
  rule(String.raw`${B}(\d+)\/(\p{Lu}+)-(\p{L}+\d*)${E}`, (m, before, after) => sayDocumentNumber(m[1] ?? '', undefined, m[2], m[3], before, after)),
  // 3. Dates and times.
  rule(String.raw`${B}(\d{1,2})\/(\d{1,2})\/(\d{4})${E}`, (m, before) => (isDate(Number(m[1]), Number(m[2])) ? sayDate(m[1] ?? '', m[2] ?? '', m[3], before) : m[0])),
  { pattern: new RegExp(String.raw`${BN}(\d+)\/(\d{4})${E}`, 'gu'), say: (m, before) => sayMonthOrDocument(m, before) },
  rule(String.raw`${B}24\/7${E}`, () => 'hai tư trên bảy'),
  rule(String.raw`(?<=ngày\s*)(\d{1,2})\/(\d{1,2})${E}`, (m, before) => (isDate(Number(m[1]), Number(m[2])) ? sayDate(m[1] ?? '', m[2] ?? '', undefined, before) : m[0]), 'giu'),
  rule(String.raw`${B}(\d{1,2})(?:h|:)(\d{2})${E}`, (m) => (Number(m[1]) < 24 && Number(m[2]) < 60 ? `${integerToWords(m[1] ?? '')} giờ ${integerToWords(m[2] ?? '')}` : m[0])),
  rule(String.raw`${B}(\d{1,2})h${E}`, (m) => `${integerToWords(m[1] ?? '')} giờ`),
  // 4. Phone numbers and codes, digit by digit (the contact-word rule runs first, in normalizeSpeech).
  rule(String.raw`\+84[\d .]*\d`, (m) => `cộng ${sayPhone(m[0].slice(1))}`),
  rule(String.raw`${BN}(1[89]00[ .-]?\d{3,4})${E}`, (m) => sayPhone(m[1] ?? '')),
  rule(String.raw`${BN}(11[1-5])(?![\p{L}\p{N}]|[.,]\p{N})${UNIT_AFTER}`, (m) => readDigits(m[1] ?? '')),
  rule(String.raw`${BN}(0\d+(?:[ .]\d+)*|\d{5,})(?![\p{L}\p{N}]|[.,]\p{N})${UNIT_AFTER}`, (m) => sayPhone(m[1] ?? '')),
  // 5. Codes mixing letters and digits.
  rule(String.raw`${BN}(?=[\p{L}#@]*\d)(?=[\d#@]*\p{L})[\p{L}\d#@]+${E}`, (m) => sayCode(m[0])),
  // 6. Percentages, amounts, ranges, ordinals and months.
  rule(String.raw`${BN}(${NUMBER})\s?%`, (m) => `${numberToWords(m[1] ?? '')} phần trăm`),
  rule(String.raw`${BN}(${NUMBER})\s?(?:đ|VNĐ|VND|vnđ)${E}`, (m) => `${numberToWords(m[1] ?? '')} đồng`),
  rule(String.raw`${BN}(${NUMBER})\s?[–-]\s?(${NUMBER})${E}`, (m) => `${numberToWords(m[1] ?? '')} đến ${numberToWords(m[2] ?? '')}`),
  rule(String.raw`${B}(thứ)\s+(\d{1,2})${E}`, (m) => `${m[1]} ${ordinalToWords(m[2] ?? '')}`, 'giu'),
  rule(String.raw`${B}(tháng)\s+(\d{1,2})${E}`, (m) => (Number(m[2]) >= 1 && Number(m[2]) <= 12 ? `${m[1]} ${monthToWords(Number(m[2]))}` : m[0]), 'giu'),
  // 7. Every other number.
  rule(String.raw`${BN}(${NUMBER})${E}`, (m) => numberToWords(m[1] ?? '')),
  rule(String.raw`(?<=\p{N}|\s)\/(?=\s*\p{N})`, () => ' trên '),
];

function sayMonthOrDocument(m: RegExpExecArray, before: string): string {
  const [, first = '', year = ''] = m;
  if (DOCUMENT_WORDS.test(before)) return sayDocumentNumber(first, year, undefined, undefined, before);
  const month = Number(first);
  if (month < 1 || month > 12) return `${integerToWords(first)} trên ${integerToWords(year)}`;
  const words = endsWithWord(before, 'tháng') ? [] : ['tháng'];
  return [...words, monthToWords(month), 'năm', integerToWords(year)].join(' ');
}

const LEXICON = new RegExp(
  String.raw`${B}(${[...WORDS.keys()]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|')})${E}`,
  'gu',
);

/** Applies one rule over the whole text, giving each match the text before and after it. */
function apply(text: string, { pattern, say }: Rule): string {
  let out = '';
  let done = 0;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const end = match.index + match[0].length;
    out += text.slice(done, match.index) + say(match, text.slice(0, match.index), text.slice(end));
    done = end;
    if (match[0].length === 0) pattern.lastIndex++;
  }
  return out + text.slice(done);
}

/** Reads the numbers that a contact word sends someone to ("gọi 156", "tổng đài 1800 8108"), digit by digit. */
function sayContactNumbers(text: string): string {
  let out = '';
  let last = 0;
  for (const mention of phoneMentionSpans(text)) {
    out += `${text.slice(last, mention.start)}${sayPhone(mention.written)}`;
    last = mention.end;
  }
  return out + text.slice(last);
}

/** The words to say for one Vietnamese sentence or phrase (see the header for the rules and their order). */
export function normalizeSpeech(text: string): string {
  let out = text
    .normalize('NFC')
    .replace(/[“”"«»]/g, '')
    .replace(/[()[\]]/g, ', ')
    .replace(/\s+[–—]\s+/g, ', ');
  out = sayContactNumbers(out);
  for (const each of RULES) out = apply(out, each);
  out = out.replace(LEXICON, (word) => WORDS.get(word) ?? word);
  // Unknown acronyms of 2–5 capitals without Vietnamese diacritics ("LD") are spelled.
  out = out.replace(new RegExp(String.raw`${B}[A-ZĐ]{2,5}${E}`, 'gu'), (acronym) => spellLetters(acronym));
  out = out.replace(/\bvà\/hoặc\b/gu, 'và hoặc').replace(new RegExp(String.raw`(?<=\p{L})\/(?=\p{L})`, 'gu'), ' hoặc ');
  out = out.replace(/[&@#+=*]/g, (symbol) => ` ${SYMBOLS.get(symbol) ?? ''} `);
  out = out.replace(new RegExp(String.raw`(?<=\p{L})-(?=\p{L})`, 'gu'), ' ').replace(/…/g, ', ');
  return out
    .replace(/\s+/g, ' ')
    .replace(/\s+([,.;:!?])/g, '$1')
    .replace(/([,;:])(?:\s*[,;:])+/g, '$1')
    .replace(/^[\s,;:]+|[\s,;:]+$/g, '')
    .trim();
}
