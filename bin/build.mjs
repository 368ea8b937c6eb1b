#!/usr/bin/env node
// Builds what the Electron shell loads: the renderer (Vite) into dist/renderer, and main + preload
// (esbuild, CommonJS, native modules external) into dist/main and dist/preload.
// `node bin/build.mjs renderer` builds only the renderer (the web host needs nothing else).
import { build as viteBuild } from 'vite';
import { build as esbuild } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { buildVoiceBundle } from './build-voice.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// Always a production build: a test runner's NODE_ENV=test would otherwise give React's dev build.
process.env.NODE_ENV = 'production';
const only = process.argv[2];

await viteBuild({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
// The bundled voice, loaded by the renderer's worker only when no other voice can speak.
buildVoiceBundle(root, join(root, 'dist', 'renderer', 'voice'));
if (only !== 'renderer') {
  const common = { bundle: true, platform: 'node', format: 'cjs', target: 'node22', sourcemap: true, logLevel: 'warning' };
  await esbuild({ ...common, entryPoints: [join(root, 'electron/main/main.ts')], outfile: join(root, 'dist/main/main.cjs'), external: ['electron', 'better-sqlite3', 'node-hid', 'serialport'] });
  // The preload runs sandboxed: one self-contained file, only 'electron' left to require.
  await esbuild({ ...common, entryPoints: [join(root, 'electron/preload/preload.ts')], outfile: join(root, 'dist/preload/preload.cjs'), external: ['electron'] });
}
console.log(`built ${only ?? 'renderer, main and preload'}`);
