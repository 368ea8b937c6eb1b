/**
 * Issue #19 item 3, on the real lessons folder: at least 20 lessons, every TT 02 domain taught by at
 * least two, the three tracks, at least 8 lessons with a practice step and each kind of practice used,
 * and every illustration following lessons/README.md (project-made SVG under 4 KB whose <title> is the
 * step's Vietnamese picture text).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMPETENCY_DOMAINS } from '../../../electron/core/lessons/competencies';
import { loadLessons } from '../../../electron/station/lessons/load-lessons';

const DIR = join(import.meta.dirname, '../../../lessons');
const { lessons, tracks, problems } = loadLessons(DIR);

describe('the curriculum', () => {
  it('loads at least 20 lessons with no problem', () => {
    expect(problems).toEqual([]);
    expect(lessons.length).toBeGreaterThanOrEqual(20);
  });

  it('teaches every TT 02 domain in at least two lessons', () => {
    for (const { domain } of COMPETENCY_DOMAINS) {
      const teaching = lessons.filter((lesson) => lesson.competencies.some((code) => code.startsWith(`${domain}.`)));
      expect(teaching.length, `domain ${domain}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('maps every lesson to QĐ 757 and puts it in at least one track; the tracks serve adults, workers and pupils', () => {
    expect(tracks.map((track) => track.id)).toEqual(['adult', 'worker', 'pupil']);
    for (const lesson of lessons) {
      expect(lesson.qd757.codes.length, lesson.id).toBeGreaterThan(0);
      expect(tracks.some((track) => track.lessons.includes(lesson.id)), lesson.id).toBe(true);
    }
    expect(tracks.find((track) => track.id === 'worker')?.lessons).toEqual(expect.arrayContaining(['nhan-tien-qr-tai-quay', 'ban-hang-online-an-toan', 'hoa-don-dien-tu', 'bao-ve-tai-khoan-kinh-doanh']));
    expect(tracks.find((track) => track.id === 'pupil')?.lessons).toEqual(expect.arrayContaining(['thong-tin-ca-nhan-tren-mang', 'bat-nat-tren-mang', 'kiem-tra-nguon-tin', 'dung-ai-lam-bai-tap']));
  });

  it('has a practice step in at least 8 lessons, with every kind used', () => {
    const practised = lessons.filter((lesson) => lesson.steps.some((step) => step.type === 'practice'));
    expect(practised.length).toBeGreaterThanOrEqual(8);
    const kinds = new Set(lessons.flatMap((lesson) => lesson.steps.flatMap((step) => (step.type === 'practice' ? [step.kind] : []))));
    expect([...kinds].sort()).toEqual(['form', 'order', 'pay-check', 'spot']);
  });

  it('cites sources and keeps review notes for every lesson', () => {
    for (const lesson of lessons) {
      expect(lesson.sources.length, lesson.id).toBeGreaterThan(0);
      expect(lesson.reviewNotes.length, lesson.id).toBeGreaterThan(0);
    }
  });

  it('draws every info step with a small project-made SVG titled with the step’s picture text', () => {
    for (const lesson of lessons) {
      for (const step of lesson.steps) {
        if (step.type === 'practice') continue;
        const svg = readFileSync(join(DIR, lesson.id, step.image), 'utf8');
        const where = `${lesson.id}/${step.image}`;
        expect(Buffer.byteLength(svg), where).toBeLessThan(4096);
        expect(svg, where).toMatch(/^<svg [^>]*viewBox="0 0 400 300"/);
        expect(svg, where).toContain('font-family="Be Vietnam Pro, sans-serif"');
        const title = /<title>([^<]*)<\/title>/.exec(svg)?.[1]?.replace(/&amp;/g, '&');
        expect(title, where).toBe(step.imageAlt.vi);
      }
    }
  });
});
