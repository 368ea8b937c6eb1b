/**
 * Checkable facts of a lesson (lessons/README.md, "Facts"): every phone number, web address, menu
 * path, rule or reported case that a step or quiz question states, with what a reviewer found.
 *
 * A fact is either `confirmed` on a date (`checked_on`) against an article (`source`), or `to_verify`
 * with a note of what is still to check. There is no third state and no default: a fact without a
 * status is refused, so "nobody looked" can never pass for "checked".
 *
 * The cross-checks between facts and the steps and questions that state them are in
 * fact-references.ts; the dates and the review rules in fact-review.ts.
 */
import { z } from 'zod';
import { parseIsoDate, type IsoDate } from './iso-date';

export const FACT_KINDS = ['phone', 'web_address', 'menu_path', 'rule', 'case'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

const FACT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_FACT_ID_LENGTH = 64;
/** A phone number or short code as a lesson writes it: digits, optionally grouped by single spaces or dots. */
const PHONE_TEXT = /^\d+(?:[ .]\d+)*$/;

const text = z.string().trim().min(1, 'must not be empty');

/**
 * An https address with a path or a query: the page that says it. A site's home page ("https://x.vn/")
 * changes every day and proves nothing a reviewer can find again. A regex, not `new URL`: the core
 * has no URL global (no DOM, no Node).
 */
function isArticleAddress(url: string): boolean {
  const match = /^https:\/\/[^/?#]+(\/[^?#]*)?(\?[^#]*)?/i.exec(url);
  if (!match) return false;
  const path = match[1] ?? '';
  const query = match[2] ?? '';
  return path.replace(/\/+$/, '') !== '' || query.length > 1;
}

export const articleUrlSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, error: 'a source url is an https:// address' })
  .refine(isArticleAddress, "a source is the article's own address, not a site's home page");

/** A `YYYY-MM-DD` day that exists. */
export const isoDateSchema = z.string().transform((value, ctx): IsoDate => {
  const date = parseIsoDate(value);
  if (date === null) {
    ctx.addIssue({ code: 'custom', message: `"${value}" is not a date written YYYY-MM-DD` });
    return z.NEVER;
  }
  return date;
});

const factBase = {
  id: z.string().max(MAX_FACT_ID_LENGTH, `a fact id is at most ${MAX_FACT_ID_LENGTH} characters`).regex(FACT_ID, 'a fact id is kebab-case'),
  kind: z.enum(FACT_KINDS),
  /** The words exactly as the step or question writes them, so a reviewer can find them. */
  text,
};

const confirmedFact = z.strictObject({
  ...factBase,
  status: z.literal('confirmed'),
  /** The day a reviewer checked the fact against `source`. */
  checked_on: isoDateSchema,
  source: articleUrlSchema,
  /** A caveat the reviewer wants the next reviewer to see. */
  note: text.optional(),
});

const toVerifyFact = z.strictObject({
  ...factBase,
  status: z.literal('to_verify'),
  /** What is still to check, and why. */
  note: text,
  /** Where the claim came from, if anywhere; not a confirmation. */
  source: articleUrlSchema.optional(),
});

export const factSchema = z
  .discriminatedUnion('status', [confirmedFact, toVerifyFact], {
    error: 'a fact needs a status: "confirmed" (with checked_on and source) or "to_verify" (with a note of what to check)',
  })
  .superRefine((fact, ctx) => {
    if (fact.kind === 'phone' && !PHONE_TEXT.test(fact.text)) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'a phone fact is the number as written: digits, optionally grouped by single spaces or dots' });
    }
  });

/** The fact ids a step or question states, in any order, each at most once. */
export const factRefsSchema = z.array(z.string()).min(1, 'leave "facts" out when the item states no fact');

export type Fact = z.infer<typeof factSchema>;
