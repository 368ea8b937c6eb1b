import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VolunteerAuth } from '../../../electron/station/services/volunteer-auth';
import { FakeClock, tempDir } from '../../support/station-db';

describe('VolunteerAuth', () => {
  let temp: ReturnType<typeof tempDir>;
  let clock: FakeClock;
  let auth: VolunteerAuth;

  beforeEach(() => {
    temp = tempDir();
    clock = new FakeClock();
    auth = new VolunteerAuth({ keysPath: join(temp.dir, 'keys.json'), wallMs: clock.wallMs, demoMode: false });
  });
  afterEach(() => temp.cleanup());

  it('stores only a scrypt hash of the PIN and accepts the right PIN', () => {
    auth.setPin('482915');
    expect(readFileSync(join(temp.dir, 'keys.json'), 'utf8')).not.toContain('482915');
    expect(auth.signInWithPin('482915').volunteerKey).toMatch(/^[0-9a-f]{64}$/);
    expect(auth.isSignedIn()).toBe(true);
  });

  it('locks for 5 minutes after 5 wrong tries, even for the right PIN', () => {
    auth.setPin('482915');
    for (let i = 0; i < 5; i++) expect(() => auth.signInWithPin('000000')).toThrow(expect.objectContaining({ code: 'wrong_pin' }));
    expect(() => auth.signInWithPin('482915')).toThrow(expect.objectContaining({ code: 'locked' }));
    clock.advance(5 * 60_000 + 1);
    expect(() => auth.signInWithPin('482915')).not.toThrow();
  });

  it('refuses every PIN when none is set outside demo mode, and the demo PIN only in demo mode', () => {
    expect(() => auth.signInWithPin('1234')).toThrow(expect.objectContaining({ code: 'no_pin' }));
    const demo = new VolunteerAuth({ keysPath: join(temp.dir, 'demo-keys.json'), wallMs: clock.wallMs, demoMode: true });
    expect(() => demo.signInWithPin('1234')).not.toThrow();
  });

  it('issues volunteer cards whose token is not stored; a printed learner card or a guessed token never signs in', () => {
    auth.setPin('482915');
    auth.signInWithPin('482915');
    const card = auth.issueCard('Đoàn viên Lan');
    auth.signOut();
    expect(readFileSync(join(temp.dir, 'keys.json'), 'utf8')).not.toContain(card.payload.split(':')[1]);
    expect(auth.signInWithCard('TRAMHS1:ABCDEFGHIJKLMNOP')).toBeNull();
    expect(() => auth.signInWithCard('TRAMVT1:guessed-token')).toThrow(expect.objectContaining({ code: 'unknown_volunteer_card' }));
    expect(auth.signInWithCard(card.payload)).not.toBeNull();
  });

  it('expires a session after 30 minutes without use', () => {
    auth.setPin('482915');
    auth.signInWithPin('482915');
    clock.advance(31 * 60_000);
    expect(() => auth.requireSession()).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('refuses a malformed PIN', () => {
    expect(() => auth.setPin('12')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => auth.setPin('abcd')).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });
});
