/**
 * The lesson map the city hub needs to count lessons (issue #19): for each lesson its version, title,
 * TT 02 competences, QĐ 757 skills (with whether that mapping is confirmed), the tracks it is in and
 * its practice steps; and the tracks with their lessons. Printed by `tram lessons check --map` as
 * plain JSON, so the hub reads it without importing station code (lessons/README.md, "Lesson map").
 */
import { practiceStepIds } from './mastery';
import type { Lesson } from './lesson-schema';
import type { Track } from './tracks';

export type LessonMapEntry = {
  readonly version: number;
  readonly title: { readonly vi: string; readonly en: string };
  readonly tt02: readonly string[];
  readonly qd757: { readonly codes: readonly string[]; readonly status: 'confirmed' | 'to_verify' };
  readonly tracks: readonly string[];
  readonly practice: readonly { readonly step: string; readonly kind: string }[];
};

export type LessonMap = {
  readonly lessons: Readonly<Record<string, LessonMapEntry>>;
  readonly tracks: readonly { readonly id: string; readonly title: { readonly vi: string; readonly en: string }; readonly qd757Group: { readonly vi: string; readonly en: string }; readonly lessons: readonly string[] }[];
};

export function lessonMap(lessons: readonly Lesson[], tracks: readonly Track[]): LessonMap {
  const entries = lessons.map((lesson): [string, LessonMapEntry] => {
    const ids = new Set(practiceStepIds(lesson));
    return [
      lesson.id,
      {
        version: lesson.version,
        title: lesson.title,
        tt02: lesson.competencies,
        qd757: { codes: lesson.qd757.codes, status: lesson.qd757.status },
        tracks: tracks.filter((track) => track.lessons.includes(lesson.id)).map((track) => track.id),
        practice: lesson.steps.flatMap((step) => (step.type === 'practice' && ids.has(step.id) ? [{ step: step.id, kind: step.kind }] : [])),
      },
    ];
  });
  return {
    lessons: Object.fromEntries(entries),
    tracks: tracks.map((track) => ({ id: track.id, title: track.title, qd757Group: track.qd757Group, lessons: track.lessons })),
  };
}
