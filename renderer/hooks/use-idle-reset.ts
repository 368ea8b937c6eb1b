import { useEffect, useRef, useState } from 'react';
import { IdlePolicy, type IdlePhase } from '../../electron/core/kiosk/idle-policy';

/**
 * Runs the core idle policy in the page: touches and keys are activity; after the configured idle time
 * it returns a warning phase with a countdown; when the countdown ends it calls `onReset` (the privacy
 * reset). While `paused` (nobody at the kiosk, or a volunteer's group session) it never warns.
 */
export function useIdleReset(settings: { warnAfterSeconds: number; countdownSeconds: number }, paused: boolean, onReset: () => void): { phase: IdlePhase; extend: () => void } {
  const policy = useRef<IdlePolicy | null>(null);
  const [phase, setPhase] = useState<IdlePhase>({ phase: 'active' });
  const resetRef = useRef(onReset);
  resetRef.current = onReset;

  useEffect(() => {
    policy.current = new IdlePolicy(settings, performance.now());
    setPhase({ phase: 'active' });
  }, [settings.warnAfterSeconds, settings.countdownSeconds]);

  useEffect(() => {
    policy.current?.setGroupActive(paused);
    if (paused) setPhase(policy.current?.activity(performance.now()) ?? { phase: 'active' });
  }, [paused]);

  useEffect(() => {
    const onActivity = () => {
      const current = policy.current;
      // During the warning only the big button counts: a stray tap must not keep someone else's session.
      if (current && current.peek(performance.now()).phase === 'active') current.activity(performance.now());
    };
    const timer = setInterval(() => {
      const current = policy.current;
      if (!current) return;
      const next = current.tick(performance.now());
      if (next.phase === 'reset-due') {
        resetRef.current();
        setPhase(current.resetDone(performance.now()));
      } else setPhase(next);
    }, 1000);
    window.addEventListener('pointerdown', onActivity, true);
    window.addEventListener('keydown', onActivity, true);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pointerdown', onActivity, true);
      window.removeEventListener('keydown', onActivity, true);
    };
  }, []);

  return {
    phase,
    extend: () => {
      if (policy.current) setPhase(policy.current.extend(performance.now()));
    },
  };
}
