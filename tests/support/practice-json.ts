/**
 * One valid practice step of each kind as plain JSON (the shape lesson.json holds), for tests that
 * break one field at a time. `lessonWithPractice` puts one of them into the small valid lesson of
 * lesson-json.ts, after step s5, where the schema reports it as `steps.5`.
 */
import { bi, validLessonJson, type LessonJson } from './lesson-json';

export type Json = Record<string, unknown>;

const part = (id: string) => ({ id, text: bi(`part ${id}`), why: bi(`why ${id}`) });

export function spotJson(): Json {
  return { type: 'practice', id: 'p1', kind: 'spot', instruction: bi('tap the suspicious parts'), app: 'sms', sender: part('sender'), body: [part('hello'), part('link'), part('otp')], targets: ['sender', 'link', 'otp'] };
}

export function payCheckJson(): Json {
  const sign = { name: 'NGUYỄN THỊ BA', bank: 'Ngân hàng Mẫu A', amount: 45000 };
  return {
    type: 'practice', id: 'p1', kind: 'pay-check', instruction: bi('pay or cancel'),
    cases: [
      // The screen writes the name as banking apps do, upper case without accents: still the same name.
      { id: 'same', sign, screen: { name: 'NGUYEN THI BA', bank: 'NGÂN HÀNG MẪU A', amount: 45000, note: 'Tra tien hang' }, answer: 'pay', why: bi('all match') },
      { id: 'other-name', sign, screen: { name: 'TRAN VAN HUNG', bank: 'Ngân hàng Mẫu A', amount: 45000 }, answer: 'cancel', why: bi('name differs') },
      { id: 'other-amount', sign, screen: { name: 'NGUYEN THI BA', bank: 'Ngân hàng Mẫu A', amount: 450000 }, answer: 'cancel', why: bi('amount differs') },
    ],
  };
}

export function orderJson(): Json {
  return {
    type: 'practice', id: 'p1', kind: 'order', instruction: bi('put in order'),
    items: ['c', 'a', 'd', 'b'].map((id) => ({ id, text: bi(`item ${id}`) })),
    answer: ['a', 'b', 'c', 'd'],
    why: bi('alphabetical'),
  };
}

export function formJson(): Json {
  return {
    type: 'practice', id: 'p1', kind: 'form', instruction: bi('fill the form'), title: bi('form'),
    sample: { title: bi('sample paper'), rows: [{ id: 'name', label: bi('name'), value: 'NGUYỄN VĂN MẪU' }, { id: 'born', label: bi('born'), value: '05/03/1960' }] },
    fields: [
      { id: 'name', type: 'choice', label: bi('name'), options: ['NGUYEN VAN MAU', 'NGUYỄN VĂN MẪU'] },
      { id: 'id-number', type: 'choice', label: bi('ID number'), options: ['000 160 012 34', '000 160 012 345'] },
      { id: 'born', type: 'choice', label: bi('born'), options: ['31/02/1960', '05/03/1960'] },
      { id: 'declare', type: 'confirm', label: bi('I declare') },
    ],
    checks: [
      { field: 'name', rule: 'required', message: bi('choose a name') },
      { field: 'name', rule: 'same-as-sample', row: 'name', message: bi('name as on the paper') },
      { field: 'id-number', rule: 'digits', length: 12, message: bi('12 digits') },
      { field: 'born', rule: 'date', message: bi('a real date') },
      { field: 'declare', rule: 'ticked', message: bi('tick it') },
    ],
    why: bi('the portal checks'),
  };
}

export const PRACTICE_JSON: Record<string, () => Json> = { spot: spotJson, 'pay-check': payCheckJson, order: orderJson, form: formJson };

/** Sets a nested field by path (object keys and array indices), for breaking one thing at a time. */
export function setAt(root: Json, path: readonly (string | number)[], value: unknown): Json {
  let node: unknown = root;
  for (const key of path.slice(0, -1)) node = (node as Record<string | number, unknown>)[key];
  const last = path[path.length - 1]!;
  if (value === undefined) delete (node as Record<string | number, unknown>)[last];
  else (node as Record<string | number, unknown>)[last] = value;
  return root;
}

/** The small valid lesson with `practice` as its 6th step (`steps.5`). */
export function lessonWithPractice(practice: Json): LessonJson {
  const json = validLessonJson();
  json.steps.push(practice);
  return json;
}
