/**
 * Idle policy of a learner session (docs/ARCHITECTURE.md §9, §10): after `warnAfterSeconds` without activity a
 * warning with a countdown of at least 20 s appears ("Tôi vẫn đang học" extends), then a privacy
 * reset back to the attract screen. Never while a volunteer's group session is flagged active.
 *
 * A deterministic state machine: every input carries the time, nothing reads a clock. Invariants:
 * - `reset-due` is only ever reached through `warning`, and the warning lasts the full countdown
 *   counted from the tick that first showed it. So a PC waking from sleep or a clock jump forward
 *   shows the whole countdown rather than resetting without warning (§10: no time limit without a
 *   warning and an extension).
 * - During the warning only `extend` (the button) brings the session back; stray `activity` on the
 *   dimmed background does not, so a passer-by's tap cannot keep someone else's session open.
 * - While a group session is active every tick counts as activity: when the group ends the idle
 *   time starts from the last tick, not from long ago.
 * - Time going backwards (a clock set back) never lengthens the wait beyond the configured time: the
 *   elapsed time is clamped at zero and the reference moves back with the clock.
 * Use a monotonic millisecond clock in the renderer (performance.now()).
 */
import { assertFiniteTime, KioskPolicyError } from './kiosk-policy-error';

/** Floors from the issue and §10; the config schema enforces the same numbers. */
export const MIN_WARN_AFTER_SECONDS = 30;
export const MIN_COUNTDOWN_SECONDS = 20;

export interface IdleSettings {
  /** Seconds without activity before the warning appears (≥ 30). */
  readonly warnAfterSeconds: number;
  /** Length of the warning countdown in seconds (≥ 20). */
  readonly countdownSeconds: number;
}

export type IdlePhase =
  | { readonly phase: 'active' }
  | { readonly phase: 'warning'; readonly secondsLeft: number }
  | { readonly phase: 'reset-due' };

type State =
  | { readonly kind: 'active'; readonly lastActivityMs: number }
  | { readonly kind: 'warning'; readonly warningStartedMs: number }
  | { readonly kind: 'reset-due' };

const ACTIVE: IdlePhase = { phase: 'active' };
const RESET_DUE: IdlePhase = { phase: 'reset-due' };

/** Checks idle settings; throws `KioskPolicyError('bad_setting')` with the field and the floor. */
export function checkIdleSettings(settings: IdleSettings): IdleSettings {
  const check = (field: keyof IdleSettings, floor: number) => {
    const value = settings[field];
    if (!Number.isInteger(value) || value < floor) throw new KioskPolicyError('bad_setting', `${field} must be a whole number ≥ ${floor} (got ${String(value)})`);
  };
  check('warnAfterSeconds', MIN_WARN_AFTER_SECONDS);
  check('countdownSeconds', MIN_COUNTDOWN_SECONDS);
  return settings;
}

/** The idle state machine of one kiosk screen. Each input returns the phase to show. */
export class IdlePolicy {
  readonly #warnAfterMs: number;
  readonly #countdownMs: number;
  #state: State;
  #groupActive = false;

  constructor(settings: IdleSettings, nowMs: number) {
    checkIdleSettings(settings);
    assertFiniteTime(nowMs);
    this.#warnAfterMs = settings.warnAfterSeconds * 1000;
    this.#countdownMs = settings.countdownSeconds * 1000;
    this.#state = { kind: 'active', lastActivityMs: nowMs };
  }

  /** A touch, key, scan or audio start by the learner. Ignored during the warning (see header). */
  activity(nowMs: number): IdlePhase {
    assertFiniteTime(nowMs);
    if (this.#state.kind === 'active') this.#state = { kind: 'active', lastActivityMs: nowMs };
    return this.#phaseAt(nowMs);
  }

  /** The periodic check (the renderer ticks about once a second). */
  tick(nowMs: number): IdlePhase {
    assertFiniteTime(nowMs);
    const state = this.#state;
    if (this.#groupActive) {
      // A group session keeps the station awake: the volunteer may talk for a long time.
      if (state.kind !== 'reset-due') this.#state = { kind: 'active', lastActivityMs: nowMs };
    } else if (state.kind === 'active') {
      if (nowMs < state.lastActivityMs) this.#state = { kind: 'active', lastActivityMs: nowMs };
      else if (nowMs - state.lastActivityMs >= this.#warnAfterMs) this.#state = { kind: 'warning', warningStartedMs: nowMs };
    } else if (state.kind === 'warning') {
      if (nowMs < state.warningStartedMs) this.#state = { kind: 'warning', warningStartedMs: nowMs };
      else if (nowMs - state.warningStartedMs >= this.#countdownMs) this.#state = { kind: 'reset-due' };
    }
    return this.#phaseAt(nowMs);
  }

  /** "Tôi vẫn đang học": back to active with a fresh idle time. Too late once the reset is due. */
  extend(nowMs: number): IdlePhase {
    assertFiniteTime(nowMs);
    if (this.#state.kind !== 'reset-due') this.#state = { kind: 'active', lastActivityMs: nowMs };
    return this.#phaseAt(nowMs);
  }

  /** Flags a volunteer group session; while true the policy never warns nor resets. */
  setGroupActive(active: boolean): void {
    this.#groupActive = active;
    // Cancel a warning at once; its start time becomes the new reference until the next tick.
    if (active && this.#state.kind === 'warning') this.#state = { kind: 'active', lastActivityMs: this.#state.warningStartedMs };
  }

  /** The renderer finished the privacy reset (attract screen shown): start over. */
  resetDone(nowMs: number): IdlePhase {
    assertFiniteTime(nowMs);
    this.#state = { kind: 'active', lastActivityMs: nowMs };
    return ACTIVE;
  }

  /** The phase at `nowMs` without changing state (for rendering between ticks). */
  peek(nowMs: number): IdlePhase {
    assertFiniteTime(nowMs);
    return this.#phaseAt(nowMs);
  }

  #phaseAt(nowMs: number): IdlePhase {
    const state = this.#state;
    switch (state.kind) {
      case 'active':
        return ACTIVE;
      case 'reset-due':
        return RESET_DUE;
      case 'warning': {
        const leftMs = state.warningStartedMs + this.#countdownMs - Math.max(nowMs, state.warningStartedMs);
        // Whole seconds rounded up: the screen shows "20" for the first second, never "0" before the reset.
        return { phase: 'warning', secondsLeft: Math.max(1, Math.ceil(leftMs / 1000)) };
      }
      default:
        return assertNever(state);
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected idle state ${JSON.stringify(value)}`);
}
