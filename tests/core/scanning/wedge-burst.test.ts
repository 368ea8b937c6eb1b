import { describe, expect, it } from 'vitest';
import { detectWedgeScans, WedgeBurstDetector, type WedgeKeyEvent } from '../../../electron/core/scanning/wedge-burst';

function typed(text: string, startMs: number, gapMs: number, suffix: string | null = 'Enter'): WedgeKeyEvent[] {
  const events = [...text].map((key, i) => ({ key, timeMs: startMs + i * gapMs }));
  if (suffix !== null) events.push({ key: suffix, timeMs: startMs + text.length * gapMs });
  return events;
}

describe('WedgeBurstDetector', () => {
  it('recognises a fast burst ended by Enter', () => {
    expect(detectWedgeScans(typed('079195000000|025000000', 0, 8))).toEqual(['079195000000|025000000']);
  });

  it('recognises a burst ended by Tab', () => {
    expect(detectWedgeScans(typed('TRAMHS1:ABCDEFGHIJKLMNOP', 0, 10, 'Tab'))).toEqual(['TRAMHS1:ABCDEFGHIJKLMNOP']);
  });

  it('ignores human typing, even when it ends with Enter', () => {
    expect(detectWedgeScans(typed('079195000000', 0, 120))).toEqual([]);
    expect(detectWedgeScans(typed('079195000000', 0, 40))).toEqual([]); // average 40 ms ≥ 35 ms
  });

  it('needs the minimum length', () => {
    expect(detectWedgeScans(typed('12345', 0, 5))).toEqual([]);
    expect(detectWedgeScans(typed('123456', 0, 5))).toEqual(['123456']);
    expect(detectWedgeScans(typed('12', 0, 5), { minLength: 2 })).toEqual(['12']);
  });

  it('drops what a human typed before the scanner fired', () => {
    const events = [...typed('abc', 0, 150, null), ...typed('001203000000', 1_000, 6)];
    expect(detectWedgeScans(events)).toEqual(['001203000000']);
  });

  it('ends a suffix-less burst after the quiet time', () => {
    const detector = new WedgeBurstDetector();
    for (const event of typed('123456789', 0, 5, null)) expect(detector.key(event)).toEqual({ kind: 'none' });
    expect(detector.isBuffering).toBe(true);
    expect(detector.flush(100)).toEqual({ kind: 'none' }); // 60 ms after the last key
    expect(detector.flush(140)).toEqual({ kind: 'scan', text: '123456789' });
    expect(detector.isBuffering).toBe(false);
  });

  it('ignores modifier and navigation keys inside a burst', () => {
    const events = typed('ABCDEF', 0, 5);
    events.splice(1, 0, { key: 'Shift', timeMs: 3 }, { key: 'ArrowLeft', timeMs: 4 });
    expect(detectWedgeScans(events)).toEqual(['ABCDEF']);
  });

  it('does not treat one slow gap inside a burst as part of it', () => {
    const events = [...typed('111111', 0, 5, null), ...typed('222222', 500, 5)];
    expect(detectWedgeScans(events)).toEqual(['111111', '222222']);
  });
});
