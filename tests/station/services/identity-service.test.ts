import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { IdentityService } from '../../../electron/station/services/identity-service';
import { hmacLearnerKeys } from '../../../electron/station/learners/learner-keys';
import { fakeIdCardText, fakePerson } from '../../support/fake-persons';
import { openTestLog, tempDir, testLearnerRoad } from '../../support/station-db';

describe('IdentityService', () => {
  let temp: ReturnType<typeof tempDir>;
  let ctx: ReturnType<typeof openTestLog>;
  let identity: IdentityService;
  const secret = randomBytes(32);

  beforeEach(() => {
    temp = tempDir();
    ctx = openTestLog(`${temp.dir}/s.sqlite`);
    identity = new IdentityService({ road: testLearnerRoad(ctx, secret), clock: ctx.clock });
  });
  afterEach(() => {
    ctx.db.close();
    temp.cleanup();
  });

  const kinds = () => (ctx.db.prepare('SELECT kind FROM events ORDER BY seq').all() as Array<{ kind: string }>).map((row) => row.kind);

  it('asks a new learner for consent and writes nothing until they answer', () => {
    const outcome = identity.handleScan(fakeIdCardText(1), 'hid-pos');
    expect(outcome).toMatchObject({ kind: 'consent', givenName: expect.any(String) });
    expect(kinds()).toEqual([]);
  });

  it('registers and checks in on "Đồng ý", in one transaction, with no name in the events', () => {
    const consent = identity.handleScan(fakeIdCardText(1), 'hid-pos');
    if (consent?.kind !== 'consent') throw new Error('expected consent');
    const welcome = identity.answerConsent(consent.pendingId, true);
    expect(welcome).toMatchObject({ kind: 'welcome', displayName: fakePerson(1).name, isNewLearner: true });
    expect(kinds()).toEqual(['learner.registered', 'attendance.checkin']);
    const payloads = (ctx.db.prepare('SELECT payload FROM events').all() as Array<{ payload: string }>).map((row) => row.payload).join('\n');
    expect(payloads).not.toContain(fakePerson(1).name);
    expect(payloads).not.toContain(fakePerson(1).id);
    expect(ctx.db.prepare('SELECT display_name, birth_year, gender FROM learners').get()).toEqual({ display_name: fakePerson(1).name, birth_year: fakePerson(1).birthYear, gender: 'nu' });
  });

  it('greets a returning learner without consent, and ignores the scanner reading the card twice', () => {
    const consent = identity.handleScan(fakeIdCardText(2), 'hid-pos');
    if (consent?.kind !== 'consent') throw new Error('expected consent');
    identity.answerConsent(consent.pendingId, true);
    identity.endVisit('user');
    ctx.clock.advance(60_000);
    expect(identity.handleScan(fakeIdCardText(2), 'hid-pos')).toMatchObject({ kind: 'welcome', isNewLearner: false });
    ctx.clock.advance(2_000);
    expect(identity.handleScan(fakeIdCardText(2), 'hid-pos')).toBeNull();
    expect(kinds().filter((kind) => kind === 'attendance.checkin')).toHaveLength(2);
  });

  it('stores nothing for a guest who declines', () => {
    const consent = identity.handleScan(fakeIdCardText(3), 'hid-pos');
    if (consent?.kind !== 'consent') throw new Error('expected consent');
    expect(identity.answerConsent(consent.pendingId, false)).toEqual({ kind: 'guest', visitId: null });
    expect(kinds()).toEqual([]);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM learners').get()).toEqual({ n: 0 });
  });

  it('refuses a stale or unknown consent answer', () => {
    const consent = identity.handleScan(fakeIdCardText(4), 'hid-pos');
    if (consent?.kind !== 'consent') throw new Error('expected consent');
    ctx.clock.advance(6 * 60_000);
    expect(() => identity.answerConsent(consent.pendingId, true)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => identity.answerConsent('00000000-0000-4000-8000-000000000000', true)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(kinds()).toEqual([]);
  });

  it('turns garbage, a payment QR and 100 KB of data into typed rejections', () => {
    for (const text of ['garbage', '00020101021138570010A000000727', 'https://example.com/', 'x'.repeat(100_000)]) {
      expect(identity.handleScan(text, 'hid-pos')).toMatchObject({ kind: 'rejected', code: expect.any(String), message: { vi: expect.any(String), en: expect.any(String) } });
    }
    expect(kinds()).toEqual([]);
  });

  it('derives the same learner key for the same person, and different keys for ID and card spaces', () => {
    // The walk-in road derives keys where every road does: learners/learner-keys.ts.
    const keys = hmacLearnerKeys(() => secret);
    const a = keys.keyFor({ kind: 'card', cardId: 'AAAAAAAAAAAAAAAA' });
    const b = keys.keyFor({ kind: 'card', cardId: 'AAAAAAAAAAAAAAAA' });
    expect(a).toBe(b);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.keyFor({ kind: 'card', cardId: 'AAAAAAAAAAAAAAAB' })).not.toBe(a);
  });

  it('checks the visit out with its reason', () => {
    const consent = identity.handleScan(fakeIdCardText(5), 'hid-pos');
    if (consent?.kind !== 'consent') throw new Error('expected consent');
    identity.answerConsent(consent.pendingId, true);
    expect(identity.endVisit('idle')).toBe(true);
    expect(identity.endVisit('idle')).toBe(false);
    expect(ctx.db.prepare('SELECT end_reason FROM visits').get()).toEqual({ end_reason: 'idle' });
  });
});
