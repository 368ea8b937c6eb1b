/**
 * The basic digital skills framework of Quyết định 757/QĐ-BKHCN (29/4/2025, Bộ Khoa học và Công nghệ:
 * "Khung kiến thức, kỹ năng số cơ bản", Phụ lục I), which provinces use to confirm citizens' basic
 * digital skills. Each lesson states its skills in `qd757` next to its TT 02 competences, so the hub's
 * lesson map can count by either framework.
 *
 * What is confirmed (stored copies read on 2026-12-04): the framework's group 0 "Sử dụng thiết bị và
 * phần mềm trên thiết bị" with skills 0.1 (sử dụng thiết bị) and 0.2 (sử dụng phần mềm trên thiết bị)
 * (congdansobac.vn), four target groups — pupils and students, citizens, public servants, workers in
 * enterprises (chuyendoiso.laocai.gov.vn) — with the workers' framework in Phụ lục 1.4 (nhansu.vn).
 * What is not: the codes of the other groups. The framework's predecessor for rural citizens
 * (Công văn 3139/BTTTT-KTS&XHS, 2024) numbers group 1 as 1.1–1.3 with the DigComp / TT 02 names, so
 * this module assumes groups 1–6 use TT 02's codes. Every lesson's mapping therefore carries a status,
 * and stays `to_verify` until someone reads Phụ lục I itself (lessons/README.md, "QĐ 757").
 */
import { z } from 'zod';
import { COMPETENCY_CODES } from './competencies';
import { articleUrlSchema, isoDateSchema } from './fact-schema';

/** Group 0, confirmed; the rest assumed to follow TT 02 (see the header). */
export const QD757_GROUP0 = [
  { code: '0.1', name: { vi: 'Sử dụng thiết bị', en: 'Using devices' } },
  { code: '0.2', name: { vi: 'Sử dụng phần mềm trên thiết bị', en: 'Using software on devices' } },
] as const;

export const QD757_CODES: readonly string[] = [...QD757_GROUP0.map((skill) => skill.code), ...COMPETENCY_CODES];

export function isQd757Code(code: string): boolean {
  return QD757_CODES.includes(code);
}

const code = z.string().refine(isQd757Code, 'not a skill code of QĐ 757/QĐ-BKHCN as this kiosk knows it (0.1, 0.2, 1.1 … 6.3)');
const codes = z.array(code).min(1, 'name at least one skill').refine((list) => new Set(list).size === list.length, 'a skill is listed twice');
const text = z.string().trim().min(1, 'must not be empty');

/** A lesson's QĐ 757 skills, confirmed against Phụ lục I or still to verify (like a fact: no default). */
export const qd757MappingSchema = z.discriminatedUnion(
  'status',
  [
    z.strictObject({ codes, status: z.literal('confirmed'), checked_on: isoDateSchema, source: articleUrlSchema }),
    z.strictObject({ codes, status: z.literal('to_verify'), note: text }),
  ],
  { error: 'a QĐ 757 mapping needs a status: "confirmed" (checked_on, source) or "to_verify" (note)' },
);

export type Qd757Mapping = z.infer<typeof qd757MappingSchema>;
