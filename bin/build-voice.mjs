// Puts the bundled offline voice in dist/renderer/voice/: eSpeak NG from the npm package
// @echogarden/espeak-ng-emscripten (GPL-3.0-or-later; see lessons/README.md, "Narration"), with its
// 24 MB voice-data package trimmed to what Vietnamese needs (phoneme tables, intonations, vi_dict and
// the vi voices: about 0.7 MB). The engine's file list and offsets are rewritten to match; the
// JavaScript itself is unchanged. The kiosk loads it lazily in a worker, never in the main bundle.
import { mkdirSync, readFileSync, writeFileSync, copyFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const PACKAGE = '@echogarden/espeak-ng-emscripten';
const DATA_ROOT = '/usr/share/espeak-ng-data/';
/** The files eSpeak reads to speak Vietnamese (the language, its dictionary, phoneme data, voice variants). */
export const VIETNAMESE_FILES = [/^phondata$/, /^phonindex$/, /^phontab$/, /^intonations$/, /^vi_dict$/, /^lang\/aav\/vi/, /^voices\/!v\//];

const METADATA = /loadPackage\(\{files:(\[.*?\]),remote_package_size:(\d+)\}\)/s;

/** Rewrites the engine's data package list to `keep`; returns the new script and data. */
export function trimVoiceData(script, data, keep = VIETNAMESE_FILES) {
  const match = METADATA.exec(script);
  if (!match) throw new Error(`${PACKAGE}: the data package list was not found; the package layout changed`);
  // The list is a JavaScript literal with bare keys: make it JSON.
  const files = JSON.parse(match[1].replace(/([{,])(filename|start|end|audio):/g, '$1"$2":'));
  if (Number(match[2]) !== data.length) throw new Error(`${PACKAGE}: the data file is ${data.length} bytes, the script expects ${match[2]}`);
  const kept = files.filter((file) => keep.some((pattern) => pattern.test(file.filename.slice(DATA_ROOT.length))));
  const chunks = [];
  let offset = 0;
  const list = kept.map((file) => {
    const bytes = data.subarray(file.start, file.end);
    chunks.push(bytes);
    const entry = { filename: file.filename, start: offset, end: offset + bytes.length };
    offset += bytes.length;
    return entry;
  });
  const trimmed = Buffer.concat(chunks);
  const literal = `loadPackage({files:${JSON.stringify(list)},remote_package_size:${trimmed.length}})`;
  return { script: script.replace(METADATA, () => literal), data: trimmed, files: list.map((file) => file.filename.slice(DATA_ROOT.length)) };
}

/** Writes espeak-ng.js, espeak-ng.data and the licence into `outDir`. */
export function buildVoiceBundle(root, outDir) {
  const require = createRequire(join(root, 'package.json'));
  const packageDir = dirname(require.resolve(`${PACKAGE}/package.json`));
  const { script, data } = trimVoiceData(readFileSync(join(packageDir, 'espeak-ng.js'), 'utf8'), readFileSync(join(packageDir, 'espeak-ng.data')));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'espeak-ng.js'), script);
  writeFileSync(join(outDir, 'espeak-ng.data'), data);
  copyFileSync(join(packageDir, 'COPYING'), join(outDir, 'COPYING.espeak-ng'));
  return { scriptBytes: Buffer.byteLength(script), dataBytes: data.length };
}
