import { describe, expect, it } from 'vitest';
import { narrationSidecarSchema } from '../../../electron/core/narration/narration-sidecar';

const entry = (key: string, change: Record<string, unknown> = {}) => ({
  key,
  file: `${key}.opus`,
  sha256: 'a'.repeat(64),
  duration_ms: 5000,
  sentence_starts_ms: [0, 2000],
  engine: 'espeak-ng',
  voice: 'vi',
  ...change,
});
const sidecar = (items: unknown[]) => ({ format: 1, lesson: 'bai-thu', items });
const problems = (value: unknown) => {
  const parsed = narrationSidecarSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
};

describe('narration.json schema', () => {
  it('accepts a sidecar as tram lessons voice writes it', () => {
    expect(problems(sidecar([entry('s1'), entry('q1'), entry('q1-explanation'), entry('safe-advice')]))).toEqual([]);
  });

  it.each([
    ['a key that is no item', [entry('s1', { key: 'intro' })], 'items.0.key'],
    ['a file outside the folder', [entry('s1', { file: '../s1.opus' })], 'items.0.file'],
    ['a file in another format', [entry('s1', { file: 's1.mp3' })], 'items.0.file'],
    ['an uppercase or short hash', [entry('s1', { sha256: 'A'.repeat(64) })], 'items.0.sha256'],
    ['a sentence after the end', [entry('s1', { sentence_starts_ms: [0, 6000] })], 'items.0.sentence_starts_ms.1'],
    ['sentences going back', [entry('s1', { sentence_starts_ms: [0, 3000, 2000] })], 'items.0.sentence_starts_ms.2'],
    ['no sentence at all', [entry('s1', { sentence_starts_ms: [] })], 'items.0.sentence_starts_ms'],
    ['a key twice', [entry('s1'), entry('s1', { file: 'x.opus' })], 'items.1.key'],
    ['a file twice', [entry('s1'), entry('s2', { file: 's1.opus' })], 'items.1.file'],
    ['an unknown field', [entry('s1', { Duration: 1 })], 'items.0'],
  ])('refuses %s', (_name, items, path) => {
    expect(problems(sidecar(items)).some((problem) => problem.startsWith(`${path}:`))).toBe(true);
  });

  it('refuses another format version', () => {
    expect(problems({ ...sidecar([]), format: 2 })[0]).toMatch(/^format:/);
  });
});
