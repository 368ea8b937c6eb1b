/**
 * The recovery ladder of the kiosk window (docs/ARCHITECTURE.md §9; kiosk-shell.md §c.2 "white screen after
 * hours"): what to do when the page's renderer dies or hangs, or the GPU process crashes.
 *
 * - renderer gone or unresponsive → `reload` the page;
 * - the 3rd renderer failure within 10 minutes → `relaunch` the whole app (reloading is not enough);
 * - GPU process crashed → `relaunch-without-gpu` once: hardware acceleration is switched off and
 *   remembered across starts (old Intel/AMD drivers are the usual cause). With acceleration already
 *   off, Chromium restarts its software GPU process by itself, so a further GPU crash does nothing
 *   here (relaunching would only loop); renderer failures still climb the ladder.
 * - a `clean-exit` is the normal end of a process (window closing, app quitting): nothing to do.
 * - After an `unresponsive` reload main force-crashes the hung renderer first (Electron's documented
 *   way to reload a hung page), which reports the renderer as `killed`/`crashed`: that one report is
 *   our own doing and is not counted again.
 *
 * Pure and deterministic: the caller passes the event time and persists `hardwareAccelerationOff`.
 */
import { assertFiniteTime } from './kiosk-policy-error';

export const RELAUNCH_AFTER_FAILURES = 3;
export const FAILURE_WINDOW_MS = 10 * 60_000;

export type GoneReason = 'clean-exit' | 'abnormal-exit' | 'killed' | 'crashed' | 'oom' | 'launch-failed' | 'integrity-failure' | 'memory-eviction';

export type RecoveryEvent =
  | { readonly kind: 'renderer-gone'; readonly reason: GoneReason; readonly atMs: number }
  | { readonly kind: 'unresponsive'; readonly atMs: number }
  | { readonly kind: 'gpu-gone'; readonly reason: GoneReason; readonly atMs: number };

export type RecoveryAction = 'none' | 'reload' | 'relaunch' | 'relaunch-without-gpu';

export interface RecoveryLadderState {
  /** Times of the renderer failures inside the window, oldest first. */
  readonly failuresMs: readonly number[];
  readonly hardwareAccelerationOff: boolean;
  /** Set after an unresponsive reload: the next killed/crashed report is our own force-crash. */
  readonly awaitingForcedCrash: boolean;
}

export interface RecoveryStep {
  readonly action: RecoveryAction;
  readonly state: RecoveryLadderState;
}

/** The state at start, with the remembered hardware-acceleration flag. */
export function initialRecoveryState(hardwareAccelerationOff: boolean): RecoveryLadderState {
  return { failuresMs: [], hardwareAccelerationOff, awaitingForcedCrash: false };
}

/** One step of the ladder: the action for `event` and the next state. */
export function nextRecoveryStep(state: RecoveryLadderState, event: RecoveryEvent): RecoveryStep {
  assertFiniteTime(event.atMs, 'event time');
  if (event.kind === 'gpu-gone') {
    if (event.reason === 'clean-exit' || state.hardwareAccelerationOff) return { action: 'none', state };
    return { action: 'relaunch-without-gpu', state: { ...state, hardwareAccelerationOff: true } };
  }
  if (event.kind === 'renderer-gone') {
    if (event.reason === 'clean-exit') return { action: 'none', state };
    if (state.awaitingForcedCrash && (event.reason === 'killed' || event.reason === 'crashed')) {
      return { action: 'none', state: { ...state, awaitingForcedCrash: false } };
    }
  }
  // A clock set back must not keep old failures alive for longer than the window: drop them too.
  const recent = state.failuresMs.filter((at) => event.atMs - at < FAILURE_WINDOW_MS && at <= event.atMs);
  const failuresMs = [...recent, event.atMs];
  const awaitingForcedCrash = event.kind === 'unresponsive';
  if (failuresMs.length >= RELAUNCH_AFTER_FAILURES) {
    return { action: 'relaunch', state: { ...state, failuresMs: [], awaitingForcedCrash: false } };
  }
  return { action: 'reload', state: { ...state, failuresMs, awaitingForcedCrash } };
}
