import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatHlc, parseHlc, tickHlc, type Hlc } from '../../../electron/core/log/hlc';
import { detectClockJump } from '../../../electron/core/log/clock-jump';

describe('hybrid logical clock', () => {
  it('formats as 13-digit ms and 4-digit counter, and parses back', () => {
    expect(formatHlc({ ms: 1795852800000, counter: 7 })).toBe('1795852800000-0007');
    expect(formatHlc({ ms: 1104537600000, counter: 0 })).toBe('1104537600000-0000'); // a clock in 2005
    expect(parseHlc('1795852800000-0007')).toEqual({ ms: 1795852800000, counter: 7 });
    expect(parseHlc('179585280000-0007')).toBeNull();
    expect(parseHlc('garbage')).toBeNull();
  });

  it('never decreases, whatever the wall clock does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -1e12, max: 9e12 }), { minLength: 1, maxLength: 300 }), (walls) => {
        let previous: Hlc | null = null;
        let previousText = '';
        for (const wall of walls) {
          const next = tickHlc(previous, wall);
          const text = formatHlc(next);
          if (previous !== null && !(text > previousText)) return false;
          previous = next;
          previousText = text;
        }
        return true;
      }),
      { numRuns: 500 },
    );
  });

  it('rolls the counter over into the next millisecond', () => {
    expect(tickHlc({ ms: 10, counter: 9999 }, 5)).toEqual({ ms: 11, counter: 0 });
  });
});

describe('clock jump detection', () => {
  it('reports a wall clock that moved unlike the monotonic clock, within one boot only', () => {
    const before = { wallMs: 1_000_000, monoMs: 500, bootId: 'a' };
    expect(detectClockJump(before, { wallMs: 1_060_000, monoMs: 60_500, bootId: 'a' })).toBeNull();
    expect(detectClockJump(before, { wallMs: 1_000_000 - 3_600_000, monoMs: 1_500, bootId: 'a' })).toEqual({ fromMs: 1_001_000, toMs: 1_000_000 - 3_600_000 });
    expect(detectClockJump(before, { wallMs: 5, monoMs: 1, bootId: 'b' })).toBeNull();
    expect(detectClockJump(null, before)).toBeNull();
  });
});
