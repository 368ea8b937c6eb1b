/**
 * Practice steps (issue #19 item 2): a step of a lesson where the learner does the thing on a
 * simulated phone instead of reading about it. Four kinds, each with an answer key the schema checks
 * can actually be met, so a pack can never ship a practice nobody can pass:
 *
 * - `spot`: a message (SMS, Zalo, e-mail, post); the learner taps every tell-tale part (the sender,
 *   the link, the request for an OTP). Key: `targets`, ids of parts that exist, not every part.
 * - `pay-check`: a payment confirmation next to the shop's sign; pay or cancel. Key: each case's
 *   `answer`, which must agree with the comparison itself: "pay" exactly when name, bank and amount
 *   on the screen match the sign.
 * - `order`: steps shown shuffled; the learner puts them in order. Key: `answer`, a permutation of the
 *   item ids that differs from the order they are shown in.
 * - `form`: a public-service form filled from an obviously fake sample paper, by choosing, never by
 *   typing; the portal's checks run on submit. Key: every check names a field that exists and a rule
 *   that fits it, and every field has an option that passes all of its checks.
 *
 * A practice never asks for or accepts a real password, OTP or ID number: there is no free-text input
 * at all, a form field may not be a password/OTP/passcode field, and every long number a practice
 * shows begins with 000, which no real ID card, phone or account number does.
 */
import { z } from 'zod';
import { factRefsSchema } from './fact-schema';

export const PRACTICE_KINDS = ['spot', 'pay-check', 'order', 'form'] as const;
export type PracticeKind = (typeof PRACTICE_KINDS)[number];
export const MAX_PRACTICE_STEPS = 2;

const text = z.string().trim().min(1, 'must not be empty');
const bilingual = z.strictObject({ vi: text, en: text });
/** Ids of parts, cases, items, rows and fields: short, plain, so they can travel in an IPC answer. */
const itemId = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'an id is kebab-case').max(32, 'an id is at most 32 characters');
/** A value shown on the simulated phone (a name, a bank, a sample date): data, not a sentence. */
const shown = z.string().trim().min(1, 'must not be empty').max(60, 'at most 60 characters fit the simulated phone');

const base = {
  type: z.literal('practice'),
  id: z.string(),
  /** What to do, read aloud: "Chạm vào những chỗ đáng ngờ trong tin nhắn". */
  instruction: bilingual,
  /** Ids of the checkable facts this practice states (fact-schema.ts), as on steps and questions. */
  facts: factRefsSchema.optional(),
};

const part = z.strictObject({ id: itemId, text: bilingual, /** Shown after the learner tapped it, or after success. */ why: bilingual });

const spotSchema = z.strictObject({
  ...base,
  kind: z.literal('spot'),
  app: z.enum(['sms', 'zalo', 'email', 'social']),
  sender: part,
  body: z.array(part).min(1, 'a message has at least one part').max(6, 'a message has at most 6 parts'),
  /** Ids of the tell-tale parts: every one must be tapped, and nothing else. */
  targets: z.array(itemId).min(1, 'at least one part must be the tell-tale one'),
});

const payment = { name: shown, bank: shown, amount: z.int().min(1, 'an amount in đồng, at least 1').max(1_000_000_000) };
const payCase = z.strictObject({
  id: itemId,
  /** The shop's QR sign: the account name and bank printed under the code, and the price asked. */
  sign: z.strictObject(payment),
  /** The banking app's confirmation screen after scanning. */
  screen: z.strictObject({ ...payment, note: shown.optional() }),
  answer: z.enum(['pay', 'cancel']),
  why: bilingual,
});
const payCheckSchema = z.strictObject({
  ...base,
  kind: z.literal('pay-check'),
  cases: z.array(payCase).min(1, 'at least one case').max(3, 'at most 3 cases'),
});

const orderSchema = z.strictObject({
  ...base,
  kind: z.literal('order'),
  /** In the order they are shown (already shuffled by the author). */
  items: z.array(z.strictObject({ id: itemId, text: bilingual })).min(3, 'at least 3 items').max(7, 'at most 7 items'),
  /** The right order: a permutation of the item ids. */
  answer: z.array(itemId),
  why: bilingual,
});

export const FORM_RULES = ['required', 'digits', 'date', 'same-as-sample', 'ticked'] as const;
export type FormRule = (typeof FORM_RULES)[number];

const choiceField = z.strictObject({ id: itemId, type: z.literal('choice'), label: bilingual, options: z.array(shown).min(2, 'a field offers at least 2 options').max(4, 'at most 4 options fit') });
const confirmField = z.strictObject({ id: itemId, type: z.literal('confirm'), label: bilingual });
const formCheck = z.strictObject({
  field: itemId,
  rule: z.enum(FORM_RULES),
  /** For `digits`: how many digits the value has (spaces and dots between groups ignored). */
  length: z.int().min(1).max(20).optional(),
  /** For `same-as-sample`: the id of the sample row the value must equal. */
  row: itemId.optional(),
  /** What the portal says when the check fails, shown under the field. */
  message: bilingual,
});
const formSchema = z.strictObject({
  ...base,
  kind: z.literal('form'),
  title: bilingual,
  /** The fake paper the learner copies from ("Giấy tờ mẫu"): never a real person's data. */
  sample: z.strictObject({ title: bilingual, rows: z.array(z.strictObject({ id: itemId, label: bilingual, value: shown })).min(1).max(6) }),
  fields: z.array(z.discriminatedUnion('type', [choiceField, confirmField], { error: 'a field type is "choice" or "confirm"' })).min(2).max(6),
  checks: z.array(formCheck).min(1, 'a form makes at least one check'),
  why: bilingual,
});

const practiceUnion = z.discriminatedUnion('kind', [spotSchema, payCheckSchema, orderSchema, formSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? `unknown practice kind: use one of ${PRACTICE_KINDS.join(', ')}` : undefined),
});

export type PracticeStep = z.infer<typeof practiceUnion>;
export type SpotPractice = Extract<PracticeStep, { kind: 'spot' }>;
export type PayCheckPractice = Extract<PracticeStep, { kind: 'pay-check' }>;
export type OrderPractice = Extract<PracticeStep, { kind: 'order' }>;
export type FormPractice = Extract<PracticeStep, { kind: 'form' }>;
export type FormField = FormPractice['fields'][number];
export type FormCheck = FormPractice['checks'][number];

export const practiceStepSchema = practiceUnion
  .superRefine((step: PracticeStep, ctx) => {
    switch (step.kind) {
      case 'spot':
        return checkSpot(step, ctx);
      case 'pay-check':
        return checkPayCheck(step, ctx);
      case 'order':
        return checkOrder(step, ctx);
      case 'form':
        return checkForm(step, ctx);
    }
  })
  .superRefine((step: PracticeStep, ctx) => checkNoRealNumbers(step, ctx));

type Ctx = z.RefinementCtx;

function duplicates(ids: readonly string[], path: (string | number)[], ctx: Ctx): void {
  ids.forEach((id, index) => {
    if (ids.indexOf(id) !== index) ctx.addIssue({ code: 'custom', path: [...path, index, 'id'], message: `id "${id}" is used twice` });
  });
}

function checkSpot(step: SpotPractice, ctx: Ctx): void {
  const ids = [step.sender.id, ...step.body.map((p) => p.id)];
  if (ids.indexOf(step.sender.id, 1) > 0) ctx.addIssue({ code: 'custom', path: ['sender', 'id'], message: `id "${step.sender.id}" is used twice` });
  duplicates(step.body.map((p) => p.id), ['body'], ctx);
  step.targets.forEach((target, index) => {
    if (!ids.includes(target)) ctx.addIssue({ code: 'custom', path: ['targets', index], message: `no part with id "${target}" to tap` });
    else if (step.targets.indexOf(target) !== index) ctx.addIssue({ code: 'custom', path: ['targets', index], message: `"${target}" is listed twice` });
  });
  if (new Set(step.targets).size >= new Set(ids).size) ctx.addIssue({ code: 'custom', path: ['targets'], message: 'every part is a target: there must be at least one ordinary part to tell apart' });
}

/** Upper case, no diacritics, single spaces: how a banking app writes an account name. */
export function normaliseName(name: string): string {
  return name.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toUpperCase().replace(/\s+/g, ' ').trim();
}

/** "pay" exactly when the screen shows the sign's account name, bank and amount. */
export function expectedPayAnswer(payCase: PayCheckPractice['cases'][number]): 'pay' | 'cancel' {
  const { sign, screen } = payCase;
  const same = normaliseName(sign.name) === normaliseName(screen.name) && normaliseName(sign.bank) === normaliseName(screen.bank) && sign.amount === screen.amount;
  return same ? 'pay' : 'cancel';
}

function checkPayCheck(step: PayCheckPractice, ctx: Ctx): void {
  duplicates(step.cases.map((c) => c.id), ['cases'], ctx);
  step.cases.forEach((payCase, index) => {
    const expected = expectedPayAnswer(payCase);
    if (payCase.answer !== expected) {
      const reason = expected === 'pay' ? 'the screen matches the sign' : 'the screen differs from the sign';
      ctx.addIssue({ code: 'custom', path: ['cases', index, 'answer'], message: `answer "${payCase.answer}" is impossible: ${reason}, so the answer is "${expected}"` });
    }
  });
}

function checkOrder(step: OrderPractice, ctx: Ctx): void {
  const ids = step.items.map((item) => item.id);
  duplicates(ids, ['items'], ctx);
  step.answer.forEach((id, index) => {
    if (!ids.includes(id)) ctx.addIssue({ code: 'custom', path: ['answer', index], message: `no item with id "${id}"` });
    else if (step.answer.indexOf(id) !== index) ctx.addIssue({ code: 'custom', path: ['answer', index], message: `"${id}" is listed twice` });
  });
  const missing = ids.filter((id) => !step.answer.includes(id));
  if (missing.length > 0) ctx.addIssue({ code: 'custom', path: ['answer'], message: `the answer is not a permutation of the items: missing ${missing.map((id) => `"${id}"`).join(', ')}` });
  if (step.answer.length === ids.length && step.answer.every((id, index) => id === ids[index])) {
    ctx.addIssue({ code: 'custom', path: ['answer'], message: 'the items are already shown in the right order: shuffle them' });
  }
}

const RULES_FOR: Record<FormField['type'], readonly FormRule[]> = { choice: ['required', 'digits', 'date', 'same-as-sample'], confirm: ['ticked'] };

function checkForm(step: FormPractice, ctx: Ctx): void {
  duplicates(step.fields.map((f) => f.id), ['fields'], ctx);
  duplicates(step.sample.rows.map((r) => r.id), ['sample', 'rows'], ctx);
  step.fields.forEach((field, index) => {
    if (ASKS_FOR_SECRET.test(`${field.label.vi} ${field.label.en}`)) {
      ctx.addIssue({ code: 'custom', path: ['fields', index, 'label'], message: 'a practice never asks for a password, OTP, passcode or PIN, not even a simulated one' });
    }
  });
  step.checks.forEach((check, index) => {
    const field = step.fields.find((f) => f.id === check.field);
    const path = ['checks', index];
    if (field === undefined) return ctx.addIssue({ code: 'custom', path: [...path, 'field'], message: `no field with id "${check.field}"` });
    if (!RULES_FOR[field.type].includes(check.rule)) ctx.addIssue({ code: 'custom', path: [...path, 'rule'], message: `rule "${check.rule}" does not apply to a ${field.type} field` });
    if (check.rule === 'digits' && check.length === undefined) ctx.addIssue({ code: 'custom', path: [...path, 'length'], message: 'a digits check needs a length' });
    if (check.rule === 'same-as-sample' && !step.sample.rows.some((row) => row.id === check.row)) {
      ctx.addIssue({ code: 'custom', path: [...path, 'row'], message: `no sample row with id "${check.row ?? ''}"` });
    }
  });
  // Impossible key: a field none of whose options passes all of its checks.
  step.fields.forEach((field, index) => {
    if (field.type !== 'choice') return;
    const checks = step.checks.filter((check) => check.field === field.id);
    if (checks.length > 0 && !field.options.some((option) => checks.every((check) => passesCheck(check, option, step.sample.rows)))) {
      ctx.addIssue({ code: 'custom', path: ['fields', index, 'options'], message: `no option passes every check of field "${field.id}": the form cannot be completed` });
    }
  });
}

const ASKS_FOR_SECRET = /mật khẩu|\botp\b|passcode|mã pin|\bpin\b|password/i;

const DATE = /^(\d{2})\/(\d{2})\/(\d{4})$/;

function isRealDate(value: string): boolean {
  const match = DATE.exec(value.trim());
  if (!match) return false;
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || year < 1900) return false;
  const daysInMonth = [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= daysInMonth;
}

/**
 * Whether a chosen option passes one check of a choice field. Shared by the schema (every field must
 * be completable) and scoring (practice-scoring.ts), so they can never disagree.
 */
export function passesCheck(check: FormCheck, value: string | null, rows: readonly { readonly id: string; readonly value: string }[]): boolean {
  if (value === null) return false;
  switch (check.rule) {
    case 'required':
      return value.trim().length > 0;
    case 'digits':
      return /^\d+(?:[ .]\d+)*$/.test(value.trim()) && value.replace(/[ .]/g, '').length === check.length;
    case 'date':
      return isRealDate(value);
    case 'same-as-sample': {
      const row = rows.find((candidate) => candidate.id === check.row);
      // Exactly as the paper writes it, accents included: a portal compares with the civil-status record.
      return row !== undefined && row.value.trim().replace(/\s+/g, ' ') === value.trim().replace(/\s+/g, ' ');
    }
    case 'ticked':
      return false; // a tick box has no option text; scoring handles it
  }
}

/**
 * A run of 9 or more digits (single spaces or dots between groups allowed): the length of an ID, phone
 * or account number. An amount ("1.000.000.000 đồng") is not one.
 */
const LONG_NUMBER = /\d(?:[ .]?\d){8,}/g;
const AMOUNT_UNIT = /^\s*(?:đồng|đ|vnd|dong)(?!\p{L})/iu;

/** The long numbers in `value` that are not amounts. */
export function longNumbers(value: string): string[] {
  return [...value.matchAll(LONG_NUMBER)].filter((match) => !AMOUNT_UNIT.test(value.slice(match.index + match[0].length))).map((match) => match[0]);
}

/** Every text a practice shows, for the fake-number rule and the fact cross-checks. */
export function practiceStrings(step: PracticeStep): { readonly vi: string[]; readonly en: string[]; readonly data: string[] } {
  const bis: { vi: string; en: string }[] = [step.instruction];
  const data: string[] = [];
  switch (step.kind) {
    case 'spot':
      for (const p of [step.sender, ...step.body]) bis.push(p.text, p.why);
      break;
    case 'pay-check':
      for (const c of step.cases) {
        bis.push(c.why);
        data.push(c.sign.name, c.sign.bank, c.screen.name, c.screen.bank, ...(c.screen.note === undefined ? [] : [c.screen.note]));
      }
      break;
    case 'order':
      bis.push(step.why, ...step.items.map((item) => item.text));
      break;
    case 'form':
      bis.push(step.title, step.why, step.sample.title, ...step.sample.rows.map((row) => row.label), ...step.fields.map((f) => f.label), ...step.checks.map((c) => c.message));
      data.push(...step.sample.rows.map((row) => row.value), ...step.fields.flatMap((f) => (f.type === 'choice' ? f.options : [])));
      break;
  }
  return { vi: [...bis.map((b) => b.vi), ...data], en: [...bis.map((b) => b.en), ...data], data };
}

function checkNoRealNumbers(step: PracticeStep, ctx: Ctx): void {
  const { vi, en } = practiceStrings(step);
  for (const value of new Set([...vi, ...en])) {
    for (const number of longNumbers(value)) {
      if (!number.startsWith('000')) {
        ctx.addIssue({ code: 'custom', path: [], message: `"${number}" looks like a real ID, phone or account number: sample numbers in a practice begin with 000` });
      }
    }
  }
}
