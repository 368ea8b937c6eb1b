import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { electronMock } from '../support/electron-mock';

const root = join(import.meta.dirname, '..', '..');
// Inside node_modules, so the bundle resolves better-sqlite3 and node-hid the way the app does.
mkdirSync(join(root, 'node_modules', '.cache'), { recursive: true });
const out = mkdtempSync(join(root, 'node_modules', '.cache', 'tram-main-bundle-'));

/**
 * The Electron binary cannot run here, so this loads the bundle Electron would load (the same esbuild
 * settings as bin/build.mjs) with 'electron' stubbed: it catches bundling mistakes (ESM-only syntax in
 * the CommonJS bundle, a native module bundled in) that the source-level tests cannot see.
 */
describe('the main-process bundle', () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('bundles to CommonJS and loads with electron stubbed, taking the single-instance lock', async () => {
    const result = await build({
      entryPoints: [join(root, 'electron/main/main.ts')],
      outfile: join(out, 'main.cjs'),
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      external: ['electron', 'better-sqlite3', 'node-hid', 'serialport'],
      logLevel: 'silent',
      write: true,
      metafile: true,
    });
    expect(result.errors).toEqual([]);
    // The installed kiosk carries neither the web host (its --allow-remote is for development only)
    // nor the hub nor the `tram` command line (issue #20): none of their sources is in the bundle.
    const sources = Object.keys(result.metafile.inputs);
    expect(sources.some((path) => path.startsWith('electron/station/'))).toBe(true);
    expect(sources.filter((path) => /^(electron\/web-host|city|tools|tests)\//.test(path))).toEqual([]);
    const mock = electronMock();
    const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
    const original = loader._load;
    loader._load = (request, ...rest) => (request === 'electron' ? mock : original(request, ...rest));
    try {
      createRequire(join(out, 'main.cjs'))(join(out, 'main.cjs'));
    } finally {
      loader._load = original;
    }
    expect(mock.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(mock.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
  });

  it('bundles the preload as one file that needs nothing but electron', async () => {
    const result = await build({
      entryPoints: [join(root, 'electron/preload/preload.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      external: ['electron'],
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    const imports = Object.values(result.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
    expect(imports).toEqual(['electron']);
  });
});
