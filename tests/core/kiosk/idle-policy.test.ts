import { describe, expect, it } from 'vitest';
import { checkIdleSettings, IdlePolicy } from '../../../electron/core/kiosk/idle-policy';
import { KioskPolicyError } from '../../../electron/core/kiosk/kiosk-policy-error';

const settings = { warnAfterSeconds: 90, countdownSeconds: 30 };
const s = (seconds: number) => seconds * 1000;

describe('idle policy', () => {
  it('stays active until the idle time has passed, then warns with a countdown', () => {
    const policy = new IdlePolicy(settings, 0);
    expect(policy.tick(s(89))).toEqual({ phase: 'active' });
    expect(policy.tick(s(90))).toEqual({ phase: 'warning', secondsLeft: 30 });
    expect(policy.tick(s(90.5))).toEqual({ phase: 'warning', secondsLeft: 30 });
    expect(policy.tick(s(91))).toEqual({ phase: 'warning', secondsLeft: 29 });
    expect(policy.tick(s(119))).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(policy.tick(s(120))).toEqual({ phase: 'reset-due' });
    expect(policy.tick(s(500))).toEqual({ phase: 'reset-due' });
  });

  it('restarts the idle time on activity', () => {
    const policy = new IdlePolicy(settings, 0);
    policy.tick(s(60));
    policy.activity(s(80));
    expect(policy.tick(s(169))).toEqual({ phase: 'active' });
    expect(policy.tick(s(170))).toMatchObject({ phase: 'warning' });
  });

  it('"Tôi vẫn đang học" extends: back to active with a fresh idle time', () => {
    const policy = new IdlePolicy(settings, 0);
    policy.tick(s(90));
    expect(policy.extend(s(100))).toEqual({ phase: 'active' });
    expect(policy.tick(s(189))).toEqual({ phase: 'active' });
    expect(policy.tick(s(190))).toEqual({ phase: 'warning', secondsLeft: 30 });
  });

  it('ignores stray activity during the warning: only the button extends', () => {
    const policy = new IdlePolicy(settings, 0);
    policy.tick(s(90));
    expect(policy.activity(s(95))).toEqual({ phase: 'warning', secondsLeft: 25 });
    expect(policy.tick(s(120))).toEqual({ phase: 'reset-due' });
  });

  it('cannot be extended once the reset is due; resetDone starts over', () => {
    const policy = new IdlePolicy(settings, 0);
    policy.tick(s(90));
    policy.tick(s(120));
    expect(policy.extend(s(121))).toEqual({ phase: 'reset-due' });
    expect(policy.activity(s(121))).toEqual({ phase: 'reset-due' });
    expect(policy.resetDone(s(122))).toEqual({ phase: 'active' });
    expect(policy.tick(s(211))).toEqual({ phase: 'active' });
    expect(policy.tick(s(212))).toMatchObject({ phase: 'warning' });
  });

  it('never warns nor resets while a group session is active, and counts from its end', () => {
    const policy = new IdlePolicy(settings, 0);
    policy.setGroupActive(true);
    for (let t = 0; t <= 3600; t += 60) expect(policy.tick(s(t))).toEqual({ phase: 'active' });
    policy.setGroupActive(false);
    expect(policy.tick(s(3600 + 89))).toEqual({ phase: 'active' });
    expect(policy.tick(s(3600 + 90))).toMatchObject({ phase: 'warning' });
  });

  it('cancels a running warning when a group session starts', () => {
    const policy = new IdlePolicy(settings, 0);
    expect(policy.tick(s(100))).toMatchObject({ phase: 'warning' });
    policy.setGroupActive(true);
    expect(policy.peek(s(101))).toEqual({ phase: 'active' });
    expect(policy.tick(s(500))).toEqual({ phase: 'active' });
  });

  it('shows the full countdown after a jump forward (sleep, clock change) instead of resetting', () => {
    const policy = new IdlePolicy(settings, 0);
    expect(policy.tick(s(7200))).toEqual({ phase: 'warning', secondsLeft: 30 });
    expect(policy.tick(s(7229))).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(policy.tick(s(7230))).toEqual({ phase: 'reset-due' });
  });

  it('never waits longer than configured when the clock goes backwards', () => {
    const policy = new IdlePolicy(settings, s(1000));
    expect(policy.tick(s(10))).toEqual({ phase: 'active' });
    expect(policy.tick(s(100))).toMatchObject({ phase: 'warning' });
    expect(policy.tick(s(50))).toEqual({ phase: 'warning', secondsLeft: 30 });
    expect(policy.tick(s(80))).toEqual({ phase: 'reset-due' });
  });

  it('peek does not change state', () => {
    const policy = new IdlePolicy(settings, 0);
    policy.tick(s(90));
    expect(policy.peek(s(119.5))).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(policy.peek(s(125))).toEqual({ phase: 'warning', secondsLeft: 1 });
    expect(policy.tick(s(125))).toEqual({ phase: 'reset-due' });
  });

  it('refuses settings below the floors and broken times with typed errors', () => {
    expect(() => checkIdleSettings({ warnAfterSeconds: 29, countdownSeconds: 20 })).toThrow(/warnAfterSeconds must be a whole number ≥ 30/);
    expect(() => checkIdleSettings({ warnAfterSeconds: 30, countdownSeconds: 19 })).toThrow(/countdownSeconds must be a whole number ≥ 20/);
    expect(() => new IdlePolicy({ warnAfterSeconds: 30.5, countdownSeconds: 20 }, 0)).toThrow(KioskPolicyError);
    const policy = new IdlePolicy({ warnAfterSeconds: 30, countdownSeconds: 20 }, 0);
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY]) {
      try {
        policy.tick(bad);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(KioskPolicyError);
        expect((error as KioskPolicyError).code).toBe('bad_time');
      }
    }
  });
});
