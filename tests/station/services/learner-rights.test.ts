import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdentityService } from '../../../electron/station/services/identity-service';
import { LearnerRights } from '../../../electron/station/services/learner-rights';
import { fakeIdCardText, fakePerson } from '../../support/fake-persons';
import { openTestLog, tempDir, testLearnerRoad } from '../../support/station-db';

describe('LearnerRights', () => {
  let temp: ReturnType<typeof tempDir>;
  let ctx: ReturnType<typeof openTestLog>;
  let rights: LearnerRights;
  let identity: IdentityService;
  const secret = randomBytes(32);

  beforeEach(() => {
    temp = tempDir();
    ctx = openTestLog(`${temp.dir}/s.sqlite`);
    identity = new IdentityService({ road: testLearnerRoad(ctx, secret), clock: ctx.clock });
    rights = new LearnerRights({ db: ctx.db, log: ctx.log, clock: ctx.clock, road: testLearnerRoad(ctx, secret) });
    const consent = identity.handleScan(fakeIdCardText(7), 'hid-pos');
    if (consent?.kind !== 'consent') throw new Error('expected consent');
    identity.answerConsent(consent.pendingId, true);
    identity.endVisit('user');
  });
  afterEach(() => {
    ctx.db.close();
    temp.cleanup();
  });

  it('shows everything stored about a learner found by scanning their card', () => {
    expect(rights.lookup(fakeIdCardText(7))).toMatchObject({ found: true, displayName: fakePerson(7).name, birthYear: fakePerson(7).birthYear, visits: 1, wardCode: '06688' });
    expect(rights.lookup(fakeIdCardText(8))).toMatchObject({ found: false, displayName: null, visits: 0 });
  });

  it('erases the name and demographics with a learner.erased event, once', () => {
    const record = rights.lookup(fakeIdCardText(7));
    expect(rights.erase(record.lookupId)).toEqual({ erased: true });
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM learners').get()).toEqual({ n: 0 });
    expect(ctx.db.prepare("SELECT COUNT(*) AS n FROM events WHERE kind = 'learner.erased'").get()).toEqual({ n: 1 });
    expect(() => rights.erase(record.lookupId)).toThrow(expect.objectContaining({ code: 'not_found' }));
    // A returning person is a stranger again and is asked for consent.
    expect(identity.handleScan(fakeIdCardText(7), 'hid-pos')).toMatchObject({ kind: 'consent' });
  });

  it('refuses a lookup id that expired', () => {
    const record = rights.lookup(fakeIdCardText(7));
    ctx.clock.advance(11 * 60_000);
    expect(() => rights.erase(record.lookupId)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('reprints the same learner card for a learner registered with one, and not for ID-card holders', () => {
    const cardText = 'TRAMHS1:ABCDEFGHIJKLMNOP';
    const consent = identity.handleScan(cardText, 'hid-pos');
    if (consent?.kind !== 'consent') throw new Error('expected consent');
    identity.answerConsent(consent.pendingId, true);
    const record = rights.lookup(cardText);
    expect(record.canReprintCard).toBe(true);
    expect(rights.reprintCardPayload(record.lookupId)).toBe(cardText);
    const idHolder = rights.lookup(fakeIdCardText(7));
    expect(idHolder.canReprintCard).toBe(false);
    expect(() => rights.reprintCardPayload(idHolder.lookupId)).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('gives a typed error for a scan that is not a card', () => {
    expect(() => rights.lookup('https://example.com')).toThrow(expect.objectContaining({ code: 'not_id_card' }));
  });
});
