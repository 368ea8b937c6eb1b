import { describe, expect, it } from 'vitest';
import { isFleetError } from '../../../../../electron/core/sync/protocol/fleet/fleet-error';
import { checkLessonManifest, LESSON_MANIFEST_FORMAT, MAX_PACK_FILE_BYTES, MAX_PACK_FILES, parseLessonManifestText } from '../../../../../electron/core/sync/protocol/fleet/lesson-manifest';
import { packPathProblem, packPathSetProblem } from '../../../../../electron/core/sync/protocol/fleet/pack-paths';
import { planPack } from '../../../../../electron/core/fleet/pack-plan';

const H = (c: string) => c.repeat(64);
const manifest = (files: Array<{ path: string; sha256?: string; size?: number }>, extra: Record<string, unknown> = {}) => ({
  format: LESSON_MANIFEST_FORMAT,
  version: 3,
  min_app_version: '0.1.0',
  created_ms: 1,
  files: files.map((file) => ({ sha256: H('a'), size: 10, ...file })),
  ...extra,
});

function refusal(value: unknown): { code: string; message: string } {
  try {
    checkLessonManifest(value);
  } catch (error) {
    if (isFleetError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('accepted');
}

describe('pack paths', () => {
  it.each([
    ['../keys.json', 'path traversal'],
    ['a/../../b', 'path traversal'],
    ['./a', 'path traversal'],
    ['/etc/passwd', 'absolute'],
    ['C:\\Windows\\x', 'backslash'],
    ['a\\b', 'backslash'],
    ['C:/x', 'characters outside'],
    ['.hidden/x', 'starts with a dot'],
    ['a//b', 'empty folder name'],
    ['a/', 'empty folder name'],
    ['a/nul.txt', 'reserved on Windows'],
    ['a/COM1', 'reserved on Windows'],
    ['a/b.', 'ends with a dot'],
    ['bài-học/x', 'characters outside'],
    ['a\u0000b', 'characters outside'],
    ['a/b/c/d/e/f/g', 'deeper'],
    ['x'.repeat(241), 'longer'],
  ])('refuses %j (%s)', (path, reason) => {
    expect(packPathProblem(path)).toContain(reason);
  });

  it.each(['order.json', 'mat-khau-otp/lesson.json', 'mat-khau-otp/narration/s1.ogg', 'x/narration.json', 'A_b-1.2.svg'])('accepts %j', (path) => {
    expect(packPathProblem(path)).toBeNull();
  });

  it('refuses case-insensitive duplicates and a file that is also a folder', () => {
    expect(packPathSetProblem(['a/S1.svg', 'a/s1.svg'])?.problem).toContain('case is ignored');
    expect(packPathSetProblem(['a', 'a/b'])?.problem).toContain('file and a folder');
    expect(packPathSetProblem(['a/b', 'a/c', 'b'])).toBeNull();
  });
});

describe('lesson manifest', () => {
  it('accepts a well-formed manifest and parses its text', () => {
    const value = manifest([{ path: 'a/lesson.json' }, { path: 'a/s1.svg' }, { path: 'order.json' }]);
    expect(checkLessonManifest(value).files).toHaveLength(3);
    expect(parseLessonManifestText(JSON.stringify(value)).version).toBe(3);
  });

  it('names a traversal path, an unsorted or repeated path and a case clash', () => {
    expect(refusal(manifest([{ path: '../../evil.sh' }]))).toEqual({ code: 'manifest_path', message: expect.stringContaining('files.0.path "../../evil.sh": path traversal') });
    expect(refusal(manifest([{ path: 'b' }, { path: 'a' }])).message).toContain('files.1.path "a": files must be sorted');
    expect(refusal(manifest([{ path: 'a' }, { path: 'a' }])).code).toBe('manifest_malformed');
    expect(refusal(manifest([{ path: 'A/x' }, { path: 'a/x' }]))).toEqual({ code: 'manifest_path', message: expect.stringContaining('case is ignored') });
  });

  it('refuses a file over the size limit and too many files as limits', () => {
    expect(refusal(manifest([{ path: 'a', size: MAX_PACK_FILE_BYTES + 1 }]))).toEqual({ code: 'manifest_limit', message: expect.stringContaining('files.0.size') });
    const many = Array.from({ length: MAX_PACK_FILES + 1 }, (_, i) => ({ path: `f${String(i).padStart(5, '0')}` }));
    expect(refusal(manifest(many)).code).toBe('manifest_limit');
    const big = Array.from({ length: 20 }, (_, i) => ({ path: `f${String(i).padStart(2, '0')}`, size: MAX_PACK_FILE_BYTES }));
    expect(refusal(manifest(big))).toEqual({ code: 'manifest_limit', message: expect.stringContaining('more than the limit') });
  });

  it('refuses bad fields by name, unknown fields and text that is not JSON', () => {
    expect(refusal(manifest([{ path: 'a', sha256: 'ABC' }])).message).toContain('files.0.sha256');
    expect(refusal(manifest([{ path: 'a' }], { version: 0 })).message).toContain('version');
    expect(refusal(manifest([{ path: 'a' }], { min_app_version: 'latest' })).message).toContain('min_app_version');
    expect(refusal(manifest([{ path: 'a' }], { format: 'other' })).message).toContain('format');
    expect(refusal(manifest([{ path: 'a' }], { run: 'rm -rf' })).code).toBe('manifest_malformed');
    expect(refusal(manifest([])).code).toBe('manifest_malformed');
    expect(() => parseLessonManifestText('{not json')).toThrow(/not valid JSON/);
  });
});

describe('pack plan', () => {
  it('fetches each missing content once and reuses what is held', () => {
    const plan = planPack(
      checkLessonManifest(manifest([
        { path: 'a/lesson.json', sha256: H('1'), size: 100 },
        { path: 'a/s1.svg', sha256: H('2'), size: 50 },
        { path: 'b/s1.svg', sha256: H('2'), size: 50 },
        { path: 'b/s2.svg', sha256: H('3'), size: 70 },
      ])),
      (sha) => sha === H('3'),
    );
    expect(plan.fetch).toEqual([{ sha256: H('1'), size: 100 }, { sha256: H('2'), size: 50 }]);
    expect(plan.fetchBytes).toBe(150);
    expect(plan.reuse.map((file) => file.path)).toEqual(['b/s2.svg']);
    expect(plan.totalBytes).toBe(270);
  });
});
