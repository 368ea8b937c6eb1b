/** The lesson page (issue #22): both frameworks per lesson, completions in the staff member's scope, and the facts to review. */
import type { FastifyInstance } from 'fastify';
import { scopeFor } from '../access/ward-scope';
import type { HubContext } from '../hub-context';
import { VIETNAM_OFFSET_MS } from '../../electron/core/sync/protocol/vietnam-time';
import { formatTime } from '../reports/html';
import { lessonsPage } from '../reports/lessons-page';
import { lessonFactViews } from '../store/lesson-facts-store';
import { lessonGroups, lessonMapRows } from '../store/report-store';
import { requireStaff, sendHtml } from './staff-guard';
import type { StaffSessions } from './staff-session';

export function registerLessonRoutes(app: FastifyInstance, ctx: HubContext, sessions: StaffSessions): void {
  app.get('/lessons', async (request, reply) => {
    const who = await requireStaff(sessions, request, reply, { kind: 'page' });
    if (who === null) return reply;
    const scope = scopeFor(who.staff, null);
    if (!scope.ok) return reply.code(403).send({ error: 'forbidden' });
    const nowMs = ctx.now();
    const today = new Date(nowMs + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
    const [map, passes, facts] = await Promise.all([lessonMapRows(ctx.db), lessonGroups(ctx.db, { scope: scope.scope }), lessonFactViews(ctx.db, today)]);
    const passesOf = new Map<string, number>();
    for (const row of passes) passesOf.set(row.lesson_id, (passesOf.get(row.lesson_id) ?? 0) + row.n);
    const ids = [...new Set([...map.map((row) => row.lesson_id), ...passesOf.keys()])].sort();
    const lessons = ids.map((id) => {
      const row = map.find((item) => item.lesson_id === id);
      return { id, tt02: row?.competencies ?? [], qd757: row?.qd757 ?? [], passes: passesOf.get(id) ?? 0 };
    });
    return sendHtml(reply, 200, lessonsPage({ chrome: { ...who, current: 'lessons' }, today, lessons, facts: facts.facts, factsLoadedAt: facts.loadedAt === null ? null : formatTime(facts.loadedAt) }));
  });
}
