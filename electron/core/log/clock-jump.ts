/**
 * Detects a wall-clock jump between two events of the same boot: the wall clock moved differently
 * from the monotonic clock by more than the tolerance (someone set the clock, the CMOS battery died,
 * NTP corrected years of drift). The log records it as a `clock.jump` event; nothing is refused.
 */
export const CLOCK_JUMP_TOLERANCE_MS = 120_000;

export interface ClockReading {
  readonly wallMs: number;
  readonly monoMs: number;
  readonly bootId: string;
}

/** Returns the jump to record, or null when the clocks agree (or the boots differ). */
export function detectClockJump(previous: ClockReading | null, now: ClockReading): { fromMs: number; toMs: number } | null {
  if (previous === null || previous.bootId !== now.bootId) return null;
  const expectedWall = previous.wallMs + (now.monoMs - previous.monoMs);
  if (Math.abs(now.wallMs - expectedWall) <= CLOCK_JUMP_TOLERANCE_MS) return null;
  return { fromMs: Math.round(expectedWall), toMs: Math.round(now.wallMs) };
}
