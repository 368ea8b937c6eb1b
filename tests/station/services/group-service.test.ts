import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupService } from '../../../electron/station/services/group-service';
import { loadLessons } from '../../../electron/station/lessons/load-lessons';
import { fakeIdCardText } from '../../support/fake-persons';
import { openTestLog, tempDir, testLearnerRoad } from '../../support/station-db';

const { lessons } = loadLessons(join(import.meta.dirname, '../../../lessons'));
const VOLUNTEER = 'f'.repeat(64);

describe('GroupService', () => {
  let temp: ReturnType<typeof tempDir>;
  let ctx: ReturnType<typeof openTestLog>;
  let groups: GroupService;
  const secret = randomBytes(32);

  beforeEach(() => {
    temp = tempDir();
    ctx = openTestLog(`${temp.dir}/s.sqlite`);
    groups = new GroupService({ road: testLearnerRoad(ctx, secret), log: ctx.log, clock: ctx.clock, lessons });
  });
  afterEach(() => {
    ctx.db.close();
    temp.cleanup();
  });

  const count = (kind: string) => (ctx.db.prepare('SELECT COUNT(*) AS n FROM events WHERE kind = ?').get(kind) as { n: number }).n;

  it('checks people in once each, registering newcomers under the group consent', () => {
    groups.start(VOLUNTEER, 'mat-khau-otp');
    for (const i of [1, 2, 3, 2, 1]) groups.join(fakeIdCardText(i), 'hid-pos');
    const status = groups.status();
    expect(status.count).toBe(3);
    expect(status.lastScan).toMatchObject({ kind: 'duplicate' });
    expect({ registered: count('learner.registered'), checkin: count('attendance.checkin'), joined: count('group.joined') }).toEqual({ registered: 3, checkin: 3, joined: 3 });
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM learners WHERE consent_version = 'group-2025-1'").get()).toEqual({ n: 3 });
  });

  it('reports an unreadable card without checking anyone in', () => {
    groups.start(VOLUNTEER, null);
    expect(groups.join('not a card', 'hid-pos')).toMatchObject({ count: 0, lastScan: { kind: 'rejected' } });
    expect(count('group.joined')).toBe(0);
  });

  it('adds a person without a card and hands back a learner card that identifies them later', () => {
    groups.start(VOLUNTEER, null);
    const { cardPayload, status } = groups.addWithoutCard('Hoàng Văn Tư', 1950);
    expect(cardPayload).toMatch(/^TRAMHS1:[A-Z2-7]{16}$/);
    expect(status.count).toBe(1);
    expect(groups.join(cardPayload, 'hid-pos').lastScan).toMatchObject({ kind: 'duplicate', givenName: 'Tư' });
  });

  it('marks the lesson completed (assisted) once for everyone and ends with checkouts and the count', () => {
    groups.start(VOLUNTEER, 'mat-khau-otp');
    for (const i of [1, 2]) groups.join(fakeIdCardText(i), 'hid-pos');
    groups.markCompleted();
    groups.markCompleted();
    expect(count('lesson.completed')).toBe(2);
    const summary = groups.end();
    expect(summary).toMatchObject({ attendees: 2, completed: true });
    expect({ checkout: count('attendance.checkout'), ended: count('group.ended') }).toEqual({ checkout: 2, ended: 1 });
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM lesson_progress WHERE status = 'passed'").get()).toEqual({ n: 2 });
    expect(groups.isActive()).toBe(false);
  });

  it('refuses a second session, an unknown lesson, and actions without a session', () => {
    expect(() => groups.start(VOLUNTEER, 'no-such-lesson')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => groups.end()).toThrow(expect.objectContaining({ code: 'not_found' }));
    groups.start(VOLUNTEER, null);
    expect(() => groups.start(VOLUNTEER, null)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(() => groups.markCompleted()).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});
