import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ERASED_NAME, NO_NAME } from '../../../electron/core/reports/report-types';
import { recordAcknowledgement } from '../../../electron/station/store/sync-state';
import { pruneAcknowledged } from '../../../electron/station/db/retention';
import { seedEvents } from '../../../electron/station/db/seed';
import { attendanceSheet, buildStationReport } from '../../../electron/station/reports/station-report';
import { fakePerson } from '../../support/fake-persons';
import { openTestLog, tempDir } from '../../support/station-db';
import { buildReportFixture, CHILD_NAME, L1, L2, NOW, REAL_LESSONS, vn, type ReportFixture } from './report-fixture';

let temp: ReturnType<typeof tempDir>;
let fixture: ReportFixture;
beforeEach(() => {
  temp = tempDir('tram-report-');
  fixture = buildReportFixture(join(temp.dir, 'station.sqlite'));
});
afterEach(() => {
  fixture.db.close();
  temp.cleanup();
});

const query = (period: 'today' | 'week' | 'month', nowMs = NOW) => ({ period, nowMs, lessons: REAL_LESSONS });
const lessonRow = (report: ReturnType<typeof buildStationReport>, id: string) => report.byLesson.find((row) => row.lessonId === id);

describe('buildStationReport', () => {
  it('counts the week: visits, distinct learners, demographics, lessons and groups', () => {
    const report = buildStationReport(fixture.db, query('week'));
    expect(report.period).toEqual({ name: 'week', from: vn(11, 23, 0, 0), to: vn(11, 30, 0, 0), label: { vi: 'Tuần 23/11/2026 – 29/11/2026', en: 'Week 23/11/2026 – 29/11/2026' } });
    // P0 twice, P1, the child, P4; the guest who declined left nothing.
    expect(report.visits).toBe(5);
    expect(report.distinctLearners).toBe(4);
    // P0 (1945) 60+, child (2015) 6–14, P4 (1973) 18–59, P1 erased: unknown.
    expect(report.byAgeBand).toEqual({ '6-14': 1, '15-17': 0, '18-59': 1, '60+': 1, unknown: 1 });
    expect(report.byGender).toEqual({ nam: 3, nu: 0, unknown: 1 });
    // L1: P0 passed, P1 failed then passed (two starts, two completions), the child passed; the guest's try is not recorded.
    expect(lessonRow(report, L1.id)).toEqual({ lessonId: L1.id, title: L1.title, started: 4, completed: 4, passed: 3 });
    expect(lessonRow(report, L2.id)).toEqual({ lessonId: L2.id, title: L2.title, started: 2, completed: 2, passed: 1 });
    expect(report.lessonsCompleted).toBe(6);
    expect(report.lessonsPassed).toBe(4);
    expect(report.groups).toBe(1);
    expect(report.partial).toBe(false);
  });

  it('lists every installed lesson in teaching order, zeros included', () => {
    const report = buildStationReport(fixture.db, query('week'));
    expect(report.byLesson.map((row) => row.lessonId)).toEqual(REAL_LESSONS.map((lesson) => lesson.id));
    expect(report.byLesson.filter((row) => row.completed === 0)).toHaveLength(REAL_LESSONS.length - 2);
  });

  it('counts today by the Vietnamese day: 06:30 is today although it is still yesterday in UTC', () => {
    const report = buildStationReport(fixture.db, query('today'));
    expect(report.period.label.vi).toBe('Ngày 28/11/2026');
    expect(report.visits).toBe(2);
    expect(report.distinctLearners).toBe(2);
    expect(report.byAgeBand).toMatchObject({ '6-14': 1, '18-59': 1 });
    expect(report.lessonsCompleted).toBe(1);
    expect(report.groups).toBe(1);
  });

  it('counts the month by Vietnamese days at both ends', () => {
    const report = buildStationReport(fixture.db, query('month'));
    // In: 01/11 06:00 (31/10 in UTC) and 30/11 23:59. Out: 31/10 23:30 and 01/12 00:00 (30/11 in UTC).
    expect(report.visits).toBe(8);
    expect(report.distinctLearners).toBe(6);
    expect(report.byAgeBand).toEqual({ '6-14': 1, '15-17': 0, '18-59': 2, '60+': 2, unknown: 1 });
    expect(report.byGender).toEqual({ nam: 4, nu: 1, unknown: 1 });
    expect(buildStationReport(fixture.db, query('month', vn(12, 1, 0, 0))).visits).toBe(1);
  });

  it('counts each visit once although both the visits table and the log record it', () => {
    const checkins = fixture.db.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'attendance.checkin'").get() as { n: number };
    const visits = fixture.db.prepare('SELECT COUNT(*) AS n FROM visits').get() as { n: number };
    expect(checkins.n).toBe(visits.n);
    expect(buildStationReport(fixture.db, query('month', vn(12, 1, 0, 0))).visits + buildStationReport(fixture.db, query('month')).visits + 1).toBe(visits.n);
  });

  it('never carries a name', () => {
    const text = JSON.stringify(buildStationReport(fixture.db, query('month')));
    for (const name of Object.values(fixture.names)) expect(text).not.toContain(name);
    expect(text).not.toContain(CHILD_NAME);
  });

  it('keeps visit counts after retention prunes the log, and says lesson counts are partial', () => {
    const head = fixture.log.head();
    recordAcknowledgement(fixture.db, { epoch: head.epoch, ackedSeq: head.seq, ackedHash: head.hash, receipt: null, serverTimeMs: null }, fixture.clock.wall);
    expect(pruneAcknowledged(fixture.db, vn(12, 31, 0, 0), 1)).toBe(head.seq);
    const report = buildStationReport(fixture.db, query('week'));
    expect(report).toMatchObject({ visits: 5, distinctLearners: 4, lessonsCompleted: 0, groups: 0, partial: true });
    expect(attendanceSheet(fixture.db, query('week')).map((row) => row.name)).toContain(fixture.names.p0);
  });

  it('refuses an unknown period and a broken clock with typed errors', () => {
    expect(() => buildStationReport(fixture.db, { ...query('week'), period: 'year' as never })).toThrow(expect.objectContaining({ code: 'unknown_period' }));
    expect(() => attendanceSheet(fixture.db, query('week', Number.NaN))).toThrow(expect.objectContaining({ code: 'bad_time' }));
  });
});

describe('attendanceSheet', () => {
  it('has one formatted row per visit in check-in order, with lessons of that visit', () => {
    const rows = attendanceSheet(fixture.db, query('week'));
    const p0 = fakePerson(0);
    const p4 = fakePerson(4);
    expect(rows).toEqual([
      { stt: 1, name: p0.name, birthYear: 1945, gender: 'Nam', date: '23/11/2026', timeIn: '08:00', timeOut: '08:20', lessons: [{ lessonId: L1.id, title: L1.title, passed: true }] },
      // P1 was erased: no name, no demographics; L1 failed then passed counts as passed, once.
      {
        stt: 2,
        name: ERASED_NAME,
        birthYear: null,
        gender: '',
        date: '23/11/2026',
        timeIn: '08:30',
        timeOut: '09:00',
        lessons: [
          { lessonId: L1.id, title: L1.title, passed: true },
          { lessonId: L2.id, title: L2.title, passed: false },
        ],
      },
      { stt: 3, name: p0.name, birthYear: 1945, gender: 'Nam', date: '25/11/2026', timeIn: '14:00', timeOut: '14:15', lessons: [{ lessonId: L2.id, title: L2.title, passed: true }] },
      { stt: 4, name: CHILD_NAME, birthYear: 2015, gender: 'Nam', date: '28/11/2026', timeIn: '06:30', timeOut: '06:45', lessons: [{ lessonId: L1.id, title: L1.title, passed: true }] },
      // The kiosk crashed during P4's visit: still open, no check-out time.
      { stt: 5, name: p4.name, birthYear: 1973, gender: 'Nam', date: '28/11/2026', timeIn: '14:00', timeOut: '', lessons: [] },
    ]);
  });

  it('shows Nữ, the month edges, and a registered learner without a name', () => {
    const rows = attendanceSheet(fixture.db, query('month'));
    expect(rows).toHaveLength(8);
    expect(rows[0]).toMatchObject({ name: fixture.names.p2, date: '01/11/2026', timeIn: '06:00' });
    expect(rows[7]).toMatchObject({ name: fixture.names.p5, gender: 'Nữ', date: '30/11/2026', timeIn: '23:59', timeOut: '23:59' });
    fixture.db.prepare('UPDATE learners SET display_name = NULL WHERE display_name = ?').run(fixture.names.p5);
    expect(attendanceSheet(fixture.db, query('month'))[7]?.name).toBe(NO_NAME);
  });

  it('shows the lesson id for a lesson that is no longer installed', () => {
    const rows = attendanceSheet(fixture.db, { ...query('week'), lessons: REAL_LESSONS.filter((lesson) => lesson.id !== L2.id) });
    expect(rows[2]?.lessons).toEqual([{ lessonId: L2.id, title: { vi: L2.id, en: L2.id }, passed: true }]);
    const report = buildStationReport(fixture.db, { ...query('week'), lessons: [] });
    expect(report.byLesson.map((row) => row.lessonId)).toEqual([L1.id, L2.id].sort());
  });
});

describe('a database with events only (tram db seed writes no visits rows)', () => {
  let db: Database;
  afterEach(() => db.close());

  // Found by trying it: every quiz submission was a "completion" and every passing one a "pass", so a
  // learner who failed twice and then passed counted 3 completions, and one who passed twice counted 2.
  it('counts a lesson once per learner who passed it (the first pass), and shows quiz attempts apart', () => {
    const opened = openTestLog(join(temp.dir, 'passes.sqlite'), { clock: fixture.clock });
    db = opened.db;
    const learner = 'c'.repeat(64);
    const other = 'd'.repeat(64);
    const visit = (key: string, visitId: string, lessonId: string, results: boolean[]) => {
      opened.log.append([{ kind: 'attendance.checkin', payload: { learner_key: key, visit_id: visitId, method: 'card' } }]);
      for (const passed of results) {
        opened.log.append([{ kind: 'lesson.completed', payload: { learner_key: key, visit_id: visitId, lesson_id: lessonId, lesson_version: 1, score: passed ? 4 : 1, passed, assisted: false } }]);
      }
    };
    // Last week: `other` passed L1. This week: `learner` fails, fails, passes L1 and passes it again;
    // `other` passes L1 again and passes L2 twice.
    opened.clock.wall = NOW - 7 * 86_400_000;
    visit(other, 'v0', L1.id, [true]);
    opened.clock.wall = NOW - 3_600_000;
    visit(learner, 'v1', L1.id, [false, false, true, true]);
    visit(other, 'v2', L1.id, [true]);
    visit(other, 'v3', L2.id, [true, true]);
    const week = buildStationReport(db, query('week'));
    expect(lessonRow(week, L1.id)).toMatchObject({ completed: 5, passed: 1 });
    expect(lessonRow(week, L2.id)).toMatchObject({ completed: 2, passed: 1 });
    expect(week).toMatchObject({ lessonsCompleted: 7, lessonsPassed: 2 });
    // The month holds both weeks: `other`'s L1 counts once in it, at its first pass.
    const month = buildStationReport(db, query('month'));
    expect(lessonRow(month, L1.id)).toMatchObject({ completed: 6, passed: 2 });
  });

  it('takes visits and lessons from the log, each visit once', () => {
    const opened = openTestLog(join(temp.dir, 'seeded.sqlite'));
    db = opened.db;
    seedEvents(opened.log, 400, 3);
    const events = db.prepare('SELECT kind, payload FROM events').all() as { kind: string; payload: string }[];
    const payloads = (kind: string) => events.filter((e) => e.kind === kind).map((e) => JSON.parse(e.payload) as { visit_id: string; learner_key: string; lesson_id?: string; passed?: boolean });
    const checkins = payloads('attendance.checkin');
    const visitIds = new Set(checkins.map((p) => p.visit_id));
    const completed = payloads('lesson.completed').filter((p) => visitIds.has(p.visit_id));

    const report = buildStationReport(db, { period: 'today', nowMs: opened.clock.wall, lessons: REAL_LESSONS });
    expect(report.visits).toBe(visitIds.size);
    expect(report.distinctLearners).toBe(new Set(checkins.map((p) => p.learner_key)).size);
    expect(report.distinctLearners).toBeLessThan(report.visits);
    expect(report.lessonsCompleted).toBe(completed.length);
    // Each (learner, lesson) passed counts once, however many passing attempts it took.
    expect(report.lessonsPassed).toBe(new Set(completed.filter((p) => p.passed).map((p) => `${p.learner_key}/${p.lesson_id}`)).size);
    expect(report.lessonsPassed).toBeLessThan(completed.filter((p) => p.passed).length);
    // No learners rows: everyone is unknown, and the sheet shows no names.
    expect(report.byAgeBand.unknown).toBe(report.distinctLearners);
    const rows = attendanceSheet(db, { period: 'today', nowMs: opened.clock.wall, lessons: REAL_LESSONS });
    expect(rows).toHaveLength(visitIds.size);
    expect(rows.filter((row) => row.timeOut !== '').length).toBe(new Set(payloads('attendance.checkout').map((p) => p.visit_id)).size);
  });
});
