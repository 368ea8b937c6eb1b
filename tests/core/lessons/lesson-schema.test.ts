import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lessonSchema, parseLesson } from '../../../electron/core/lessons/lesson-schema';
import { bi, validLessonJson } from '../../support/lesson-json';

const LESSONS_DIR = join(import.meta.dirname, '../../../lessons');
const realFolders = readdirSync(LESSONS_DIR, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);

const validJson = validLessonJson;

function issuesOf(json: unknown): { path: string; message: string }[] {
  const result = parseLesson(json);
  expect(result.ok).toBe(false);
  return result.ok ? [] : [...result.issues];
}

describe('lesson schema', () => {
  it('finds the twenty real lessons', () => {
    expect(realFolders).toHaveLength(20);
  });

  it.each(realFolders)('accepts the real lesson %s', (folder) => {
    const json: unknown = JSON.parse(readFileSync(join(LESSONS_DIR, folder, 'lesson.json'), 'utf8'));
    const result = parseLesson(json);
    expect(result.ok ? [] : result.issues).toEqual([]);
    expect(result.ok && result.value.id).toBe(folder);
  });

  it('accepts the minimal lesson, an optional audio file and two-choice questions', () => {
    const json = validJson();
    json.steps[0] = { ...json.steps[0], audio: 's1.mp3' };
    json.quiz.questions[0] = { ...json.quiz.questions[0], choices: [bi('yes'), bi('no')], answer: 0 };
    const result = parseLesson(json);
    expect(result.ok).toBe(true);
    const audioOf = (index: number) => {
      const step = result.ok ? result.value.steps[index] : undefined;
      return step?.type === 'practice' ? 'practice' : step?.audio;
    };
    expect(audioOf(0)).toBe('s1.mp3');
    expect(audioOf(1)).toBeUndefined();
  });

  type Case = [name: string, breakIt: (json: ReturnType<typeof validJson>) => void, path: string];
  const cases: Case[] = [
    ['a missing title', (j) => delete j['title'], 'title'],
    ['a title without English', (j) => (j['title'] = { vi: 'Tiêu đề' }), 'title.en'],
    ['a blank Vietnamese text', (j) => (j.steps[2] = { ...j.steps[2], text: { vi: '   ', en: 'x' } }), 'steps.2.text.vi'],
    ['an unknown key (typo)', (j) => (j.steps[0] = { ...j.steps[0], Audio: 's1.mp3' }), 'steps.0'],
    ['an id that is not kebab-case', (j) => (j['id'] = 'Bai_Thu'), 'id'],
    ['a double hyphen in the id', (j) => (j['id'] = 'bai--thu'), 'id'],
    ['version 0', (j) => (j['version'] = 0), 'version'],
    ['a fractional version', (j) => (j['version'] = 1.5), 'version'],
    ['4 steps', (j) => j.steps.pop(), 'steps'],
    ['a step of an unknown type', (j) => (j.steps[2] = { ...j.steps[2], type: 'video' }), 'steps.2.type'],
    ['no QĐ 757 mapping', (j) => delete j['qd757'], 'qd757'],
    ['a QĐ 757 mapping without a status', (j) => (j['qd757'] = { codes: ['4.2'] }), 'qd757.status'],
    ['an unknown QĐ 757 code', (j) => (j['qd757'] = { codes: ['9.9'], status: 'to_verify', note: 'n' }), 'qd757.codes.0'],
    ['a confirmed QĐ 757 mapping without a source', (j) => (j['qd757'] = { codes: ['0.1'], status: 'confirmed', checked_on: '2026-12-04' }), 'qd757.source'],
    ['9 steps', (j) => j.steps.push(...[6, 7, 8, 9].map((n) => ({ id: `s${n}`, text: bi('t'), image: `s${n}.svg`, imageAlt: bi('a') }))), 'steps'],
    ['steps out of order', (j) => (j.steps[1] = { ...j.steps[1], id: 's3' }), 'steps.1.id'],
    ['an image path with a folder', (j) => (j.steps[3] = { ...j.steps[3], image: 'media/s4.svg' }), 'steps.3.image'],
    ['an image path climbing out', (j) => (j.steps[3] = { ...j.steps[3], image: '../other/s4.svg' }), 'steps.3.image'],
    ['a Windows path', (j) => (j.steps[3] = { ...j.steps[3], image: 'C:\\s4.svg' }), 'steps.3.image'],
    ['a hidden file', (j) => (j.steps[3] = { ...j.steps[3], image: '.s4.svg' }), 'steps.3.image'],
    ['a raster image that is not PNG', (j) => (j.steps[3] = { ...j.steps[3], image: 's4.jpg' }), 'steps.3.image'],
    ['an audio path with a folder', (j) => (j.steps[4] = { ...j.steps[4], audio: 'a/s5.mp3' }), 'steps.4.audio'],
    ['an audio file that is not audio', (j) => (j.steps[4] = { ...j.steps[4], audio: 's5.exe' }), 'steps.4.audio'],
    ['2 questions', (j) => j.quiz.questions.pop(), 'quiz.questions'],
    ['one choice', (j) => (j.quiz.questions[1] = { ...j.quiz.questions[1], choices: [bi('a')], answer: 0 }), 'quiz.questions.1.choices'],
    ['an answer past the choices', (j) => (j.quiz.questions[2] = { ...j.quiz.questions[2], answer: 3 }), 'quiz.questions.2.answer'],
    ['a negative answer', (j) => (j.quiz.questions[0] = { ...j.quiz.questions[0], answer: -1 }), 'quiz.questions.0.answer'],
    ['a question id out of order', (j) => (j.quiz.questions[2] = { ...j.quiz.questions[2], id: 'q9' }), 'quiz.questions.2.id'],
    ['passMark above the question count', (j) => (j.quiz.passMark = 4), 'quiz.passMark'],
    ['passMark 0', (j) => (j.quiz.passMark = 0), 'quiz.passMark'],
    ['an unknown competence', (j) => (j['competencies'] = ['4.2', '7.1']), 'competencies.1'],
    ['a domain code alone', (j) => (j['competencies'] = ['4']), 'competencies.0'],
    ['an indicator code', (j) => (j['competencies'] = ['1.1.CB1a']), 'competencies.0'],
    ['a repeated competence', (j) => (j['competencies'] = ['4.2', '4.2']), 'competencies.1'],
    ['no competence', (j) => (j['competencies'] = []), 'competencies'],
    ['an unknown target group', (j) => (j['targetGroups'] = ['adult', 'tourist']), 'targetGroups.1'],
    ['an http source', (j) => (j['sources'] = [{ title: 'S', url: 'http://example.gov.vn/' }]), 'sources.0.url'],
    ['a source that is a home page', (j) => (j['sources'] = [{ title: 'S', url: 'https://example.gov.vn/' }]), 'sources.0.url'],
    ['a source that is a bare domain', (j) => (j['sources'] = [{ title: 'S', url: 'https://example.gov.vn' }]), 'sources.0.url'],
    ['no source', (j) => (j['sources'] = []), 'sources'],
    ['an empty review note', (j) => (j['reviewNotes'] = ['']), 'reviewNotes.0'],
    ['a next id that is not kebab-case', (j) => (j['next'] = ['Bai Khac']), 'next.0'],
    ['a lesson that is its own next', (j) => (j['next'] = ['bai-thu']), 'next.0'],
    ['a repeated next id', (j) => (j['next'] = ['bai-khac', 'bai-khac']), 'next.1'],
  ];

  it.each(cases)('rejects %s at its path', (_name, breakIt, path) => {
    const json = validJson();
    breakIt(json);
    const issues = issuesOf(json);
    expect(issues.map((issue) => issue.path)).toContain(path);
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(0);
  });

  it('names the offending answer and the choice count', () => {
    const json = validJson();
    json.quiz.questions[2] = { ...json.quiz.questions[2], answer: 3 };
    expect(issuesOf(json)).toEqual([{ path: 'quiz.questions.2.answer', message: 'answer 3 is not an index into 3 choices' }]);
  });

  it('rejects things that are not a lesson object at the root, without throwing', () => {
    for (const value of [null, 42, 'lesson', [], undefined]) {
      expect(issuesOf(value)).toEqual([{ path: '', message: expect.any(String) as string }]);
    }
  });

  it('does not change its input', () => {
    const json = validJson();
    json.quiz.passMark = 9;
    const before = structuredClone(json);
    parseLesson(json);
    expect(json).toEqual(before);
  });

  it('infers the Lesson type from the same schema it validates with', () => {
    expect(lessonSchema.safeParse(validJson()).success).toBe(true);
  });
});
