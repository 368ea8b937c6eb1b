/**
 * Lesson facts for the hub's review page (issue #22), loaded from the JSON `npx tram lessons check
 * --facts` prints (`tram city lesson-facts FILE`). The hub reads that file only: it never imports
 * station code. Whether a fact needs review is judged again on the hub's own date, so a list loaded
 * in January still shows in December which facts have turned 12 months old.
 */
import { z } from 'zod';
import type { SqlExecutor } from '../db/hub-database';
import type { FactReview, LessonFactView } from '../reports/lessons-page';

const factSchema = z.object({
  lesson: z.string().min(1).max(100),
  lesson_version: z.number().int().min(1),
  fact: z.string().min(1).max(100),
  kind: z.string().min(1).max(40),
  text: z.string().min(1).max(1000),
  status: z.enum(['confirmed', 'to_verify']),
  checked_on: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  source: z.string().max(1000).nullable(),
  note: z.string().max(2000).nullable(),
  used_in: z.array(z.string().max(20)).max(50),
});
export const lessonFactsFileSchema = z.object({ facts: z.array(factSchema).max(5000) });
export type LessonFactRow = z.infer<typeof factSchema>;

export const FACT_FRESH_MONTHS = 12;

/** `YYYY-MM-DD` plus months (the day clamped to the month's length). */
function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** Why a fact needs review on `today` (YYYY-MM-DD), as lessons/README.md "Content review" defines it. */
export function reviewOf(row: { status: string; checked_on: string | null }, today: string): FactReview {
  if (row.status === 'to_verify' || row.checked_on === null) return 'to_verify';
  if (row.checked_on > today) return 'dated_after_today';
  return addMonths(row.checked_on, FACT_FRESH_MONTHS) < today ? 'stale' : 'ok';
}

/** Replaces the stored facts (call in a transaction). */
export async function replaceLessonFacts(tx: SqlExecutor, p: { facts: readonly LessonFactRow[]; now: number }): Promise<void> {
  await tx.query('DELETE FROM lesson_facts');
  for (const f of p.facts) {
    await tx.query(
      `INSERT INTO lesson_facts (lesson, fact, lesson_version, kind, text, status, checked_on, source, note, used_in, loaded_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (lesson, fact) DO NOTHING`,
      [f.lesson, f.fact, f.lesson_version, f.kind, f.text, f.status, f.checked_on, f.source, f.note, f.used_in, p.now],
    );
  }
}

/** Every stored fact with its review on `today`; and when the list was loaded. */
export async function lessonFactViews(db: SqlExecutor, today: string): Promise<{ facts: LessonFactView[]; loadedAt: number | null }> {
  const rows = await db.query<LessonFactRow & { loaded_at: number }>(
    'SELECT lesson, lesson_version, fact, kind, text, status, checked_on, source, note, used_in, loaded_at FROM lesson_facts ORDER BY lesson, fact',
  );
  return {
    loadedAt: rows[0]?.loaded_at ?? null,
    facts: rows.map((r) => ({ lesson: r.lesson, fact: r.fact, kind: r.kind, text: r.text, status: r.status, checkedOn: r.checked_on, source: r.source, note: r.note, usedIn: r.used_in, review: reviewOf(r, today) })),
  };
}
