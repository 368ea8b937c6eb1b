/**
 * A small valid lesson as plain JSON (the shape of lessons/<id>/lesson.json), for tests that break
 * one field at a time. Step s5 gives a phone number, stated as the fact "tong-dai", so the fact and
 * safe-advice rules have something to bite on; `withoutFacts` drops it for tests of other fields.
 */
export const bi = (label: string) => ({ vi: `${label} (vi)`, en: `${label} (en)` });

export type LessonJson = Record<string, unknown> & {
  steps: Record<string, unknown>[];
  quiz: { passMark: number; questions: Record<string, unknown>[] };
  facts?: Record<string, unknown>[];
};

export const PHONE_STEP_TEXT = { vi: 'Muốn báo lừa đảo, bác gọi 156 miễn phí.', en: 'To report a scam, call 156 for free.' };

export function validLessonJson(): LessonJson {
  return {
    id: 'bai-thu',
    version: 1,
    title: bi('title'),
    summary: bi('summary'),
    competencies: ['4.2', '1.1'],
    qd757: { codes: ['0.2', '4.2'], status: 'to_verify', note: 'check against Phụ lục I' },
    targetGroups: ['adult', 'elderly'],
    minutes: 6,
    steps: [1, 2, 3, 4, 5].map((n) => ({ id: `s${n}`, text: bi(`step ${n}`), image: `s${n}.svg`, imageAlt: bi(`alt ${n}`) })),
    quiz: {
      passMark: 2,
      questions: [0, 1, 2].map((answer, i) => ({ id: `q${i + 1}`, prompt: bi(`q${i + 1}`), choices: [bi('a'), bi('b'), bi('c')], answer, explanation: bi('why') })),
    },
    sources: [{ title: 'Source', url: 'https://example.gov.vn/page' }],
    reviewNotes: [],
    next: ['bai-khac'],
  };
}

/** The same lesson with a phone number in step s5, declared as the fact "tong-dai" with `status`. */
export function lessonWithPhoneJson(status: 'confirmed' | 'to_verify', checkedOn = '2026-12-04'): LessonJson {
  const json = validLessonJson();
  json.steps[4] = { ...json.steps[4], text: PHONE_STEP_TEXT, facts: ['tong-dai'] };
  const fact = { id: 'tong-dai', kind: 'phone', text: '156' };
  json.facts = [
    status === 'confirmed'
      ? { ...fact, status, checked_on: checkedOn, source: 'https://example.gov.vn/tong-dai-156' }
      : { ...fact, status, note: 'ask a carrier whether 156 still takes scam reports' },
  ];
  return json;
}
