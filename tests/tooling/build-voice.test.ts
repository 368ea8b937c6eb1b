import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { espeakEngine, type EspeakModule } from '../../electron/core/narration/espeak-voice';
// @ts-expect-error -- a plain .mjs build script without type declarations
import { buildVoiceBundle, trimVoiceData } from '../../bin/build-voice.mjs';

const REPO_ROOT = join(import.meta.dirname, '../..');

describe('the bundled voice build (bin/build-voice.mjs)', () => {
  const out = mkdtempSync(join(tmpdir(), 'tram-voice-bundle-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('trims eSpeak NG’s 24 MB of voice data to Vietnamese, and the trimmed engine still speaks Vietnamese', async () => {
    const { scriptBytes, dataBytes } = buildVoiceBundle(REPO_ROOT, out) as { scriptBytes: number; dataBytes: number };
    expect(dataBytes).toBeLessThan(1_000_000);
    expect(statSync(join(out, 'espeak-ng.data')).size).toBe(dataBytes);
    expect(scriptBytes).toBeGreaterThan(100_000);
    expect(statSync(join(out, 'COPYING.espeak-ng')).size).toBeGreaterThan(1000);
    const { default: factory } = (await import(pathToFileURL(join(out, 'espeak-ng.js')).href)) as { default: () => Promise<EspeakModule> };
    const engine = espeakEngine(await factory());
    const samples = await engine.synthesize('xin chào bác');
    expect(samples.length / engine.sampleRate).toBeGreaterThan(0.4);
  });

  it('refuses a package whose layout changed, with a message that says so', () => {
    expect(() => trimVoiceData('console.log(1)', Buffer.alloc(0))).toThrow(/data package list was not found/);
    expect(() => trimVoiceData('loadPackage({files:[],remote_package_size:5})', Buffer.alloc(4))).toThrow(/4 bytes, the script expects 5/);
  });
});
