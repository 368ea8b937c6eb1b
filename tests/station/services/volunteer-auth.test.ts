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

  it('refuses a malformed PIN, and a new 4- or 5-digit PIN', () => {
    expect(() => auth.setPin('12')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => auth.setPin('abcd')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => auth.setPin('4829')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => auth.setPin('48291')).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => auth.setPin('123456789')).toThrow(expect.objectContaining({ code: 'bad_request' }));
  });

  it('still signs in with a 4-digit PIN set before 6 digits were required', async () => {
    const { scryptSync, randomBytes } = await import('node:crypto');
    const { updateKeys } = await import('../../../electron/station/keys/key-store');
    const salt = randomBytes(16);
    auth.signOut();
    updateKeys(join(temp.dir, 'keys.json'), (file) => ({ ...file, volunteerPin: { salt: salt.toString('base64'), hash: scryptSync('4829', salt, 32, { N: 16384, r: 8, p: 1 }).toString('base64') } }));
    expect(() => auth.signInWithPin('4829')).not.toThrow();
  });

  // Found by trying it: the lockout lived in memory, so restarting the app (or a crash the visitor
  // provoked) gave five more guesses, and every lockout was the same 5 minutes.
  it('keeps the lockout across a restart, and each lockout in a row lasts longer until a right PIN', () => {
    auth.setPin('482915');
    const restart = () => (auth = new VolunteerAuth({ keysPath: join(temp.dir, 'keys.json'), wallMs: clock.wallMs, demoMode: false }));
    for (let i = 0; i < 3; i++) expect(() => auth.signInWithPin('000000')).toThrow(expect.objectContaining({ code: 'wrong_pin' }));
    restart();
    for (let i = 0; i < 2; i++) expect(() => auth.signInWithPin('000000')).toThrow(expect.objectContaining({ code: 'wrong_pin' }));
    restart();
    expect(() => auth.signInWithPin('482915')).toThrow(expect.objectContaining({ code: 'locked' }));
    clock.advance(5 * 60_000 + 1);
    for (let i = 0; i < 5; i++) expect(() => auth.signInWithPin('000000')).toThrow(expect.objectContaining({ code: 'wrong_pin' }));
    clock.advance(5 * 60_000 + 1);
    restart();
    expect(() => auth.signInWithPin('482915')).toThrow(expect.objectContaining({ code: 'locked' }));
    clock.advance(10 * 60_000);
    expect(auth.signInWithPin('482915').volunteerId).toBe('pin');
    // A right PIN resets the escalation: the next lockout is 5 minutes again.
    auth.signOut();
    for (let i = 0; i < 5; i++) expect(() => auth.signInWithPin('000000')).toThrow(expect.objectContaining({ code: 'wrong_pin' }));
    clock.advance(5 * 60_000 + 1);
    expect(() => auth.signInWithPin('482915')).not.toThrow();
  });

  // Security review: a lost volunteer card opened the station for ever.
  it('a volunteer card expires after a year and a revoked one never signs in again; revoking ends its session', () => {
    auth.setPin('482915');
    auth.signInWithPin('482915');
    const lost = auth.issueCard('Lan');
    clock.advance(60_000);
    const kept = auth.issueCard('Hùng');
    expect(auth.listCards().map((card) => [card.label, card.state])).toEqual([['Hùng', 'valid'], ['Lan', 'valid']]);
    auth.signOut();
    expect(auth.signInWithCard(lost.payload)?.volunteerId).toBe(lost.id);
    expect(auth.revokeCard(lost.id).find((card) => card.id === lost.id)?.state).toBe('revoked');
    expect(auth.isSignedIn()).toBe(false);
    expect(() => auth.signInWithCard(lost.payload)).toThrow(expect.objectContaining({ code: 'volunteer_card_revoked' }));
    expect(() => auth.revokeCard('00000000-0000-4000-8000-000000000000')).toThrow(expect.objectContaining({ code: 'not_found' }));
    clock.advance(366 * 24 * 60 * 60_000);
    expect(() => auth.signInWithCard(kept.payload)).toThrow(expect.objectContaining({ code: 'volunteer_card_expired' }));
    expect(auth.listCards().map((card) => card.state)).toEqual(['expired', 'revoked']);
  });

  it('a card issued before expiry existed expires a year after it was issued', async () => {
    const { updateKeys } = await import('../../../electron/station/keys/key-store');
    auth.setPin('482915');
    auth.signInWithPin('482915');
    const card = auth.issueCard('Cũ');
    updateKeys(join(temp.dir, 'keys.json'), (file) => ({ ...file, volunteerCards: file.volunteerCards.map(({ expiresWallMs: _drop, ...rest }) => rest) }));
    clock.advance(364 * 24 * 60 * 60_000);
    expect(auth.signInWithCard(card.payload)).not.toBeNull();
    clock.advance(2 * 24 * 60 * 60_000);
    expect(() => auth.signInWithCard(card.payload)).toThrow(expect.objectContaining({ code: 'volunteer_card_expired' }));
  });
});
