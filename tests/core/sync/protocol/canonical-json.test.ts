import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type JsonValue } from '../../../../electron/core/sync/protocol/canonical-json';

describe('canonical JSON (docs/PROTOCOL.md conventions)', () => {
  it('sorts keys by UTF-16 code unit, drops white space and undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, null, 'x'], Z: { d: 2, c: undefined } })).toBe('{"Z":{"d":2},"a":[true,null,"x"],"b":1}');
    // Code-unit order, not locale order: "é" (U+00E9) sorts after "z".
    expect(canonicalJson({ é: 1, z: 2, e: 3 })).toBe('{"e":3,"z":2,"é":1}');
  });

  it('writes strings and numbers exactly as JSON.stringify', () => {
    expect(canonicalJson({ s: 'Nguyễn "An"\n', n: 1e21, m: -0.5 })).toBe(`{"m":-0.5,"n":1e+21,"s":${JSON.stringify('Nguyễn "An"\n')}}`);
  });

  it('refuses non-finite numbers', () => {
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow(TypeError);
  });

  it('round-trips: parsing the text gives the same value, and re-canonicalising gives the same text', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = canonicalJson(value as JsonValue);
        return canonicalJson(JSON.parse(text) as JsonValue) === text;
      }),
      { numRuns: 500 },
    );
  });
});
