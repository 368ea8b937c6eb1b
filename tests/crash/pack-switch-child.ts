/**
 * The child of the pack-switch crash test (run-pack-crash-test.ts): over and over, installs a new
 * lesson pack version (alternating two contents, A and B) through the real install path and switches
 * to it through the real switcher, until the parent kills it with SIGKILL. Prints `ready` once set up.
 * Usage: node pack-switch-child.mjs <dataDir> <sourcesDir> (sourcesDir holds A/ and B/ with manifest
 * files `A.json` and `B.json`: [{ path, sha256, size }]).
 */
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson, type JsonValue } from '../../electron/core/sync/protocol/canonical-json';
import { LESSON_MANIFEST_FORMAT, parseLessonManifestText, type ManifestFile } from '../../electron/core/sync/protocol/fleet/lesson-manifest';
import { heldContent } from '../../electron/station/fleet/held-content';
import type { ChannelSource } from '../../electron/station/fleet/channel-source';
import { installPack } from '../../electron/station/fleet/pack-install';
import { openPackStore } from '../../electron/station/fleet/pack-store';
import { createPackSwitcher } from '../../electron/station/fleet/pack-switch';
import { loadLessons } from '../../electron/station/lessons/load-lessons';

const [dataDir, sourcesDir] = process.argv.slice(2) as [string, string];
const contents = (['A', 'B'] as const).map((name) => ({ dir: join(sourcesDir, name), files: JSON.parse(readFileSync(join(sourcesDir, `${name}.json`), 'utf8')) as ManifestFile[] }));
const byHash = new Map<string, string>();
for (const content of contents) for (const file of content.files) byHash.set(file.sha256, join(content.dir, file.path));

const source: ChannelSource = {
  kind: 'usb',
  lessons: async () => null,
  configs: async () => null,
  async openFile(sha256, offset) {
    const { createReadStream } = await import('node:fs');
    return { offset, body: createReadStream(byHash.get(sha256)!, { start: offset }) };
  },
};

const store = openPackStore(dataDir, null);
mkdirSync(store.packsDir, { recursive: true });
const load = (dir: string | null) => {
  const loaded = dir === null ? { lessons: [], problems: [] } : loadLessons(dir);
  return { lessons: loaded.lessons, problems: loaded.problems.map((problem) => `${problem.path}: ${problem.message}`) };
};
const live = load(store.currentDir()).lessons;
const timers = { setTimeout: (callback: () => void, ms: number) => setTimeout(callback, ms).unref(), clearTimeout: (handle: unknown) => clearTimeout(handle as NodeJS.Timeout) };
const switcher = createPackSwitcher({ store, isBusy: () => false, load, liveLessons: live, wallMs: Date.now, timers });
let version = Math.max(0, ...readdirSync(store.packsDir, { withFileTypes: true }).filter((entry) => /^\d+$/.test(entry.name)).map((entry) => Number(entry.name)));
process.stdout.write('ready\n');
for (;;) {
  version += 1;
  const content = contents[version % 2]!;
  const manifestText = canonicalJson({ format: LESSON_MANIFEST_FORMAT, version, min_app_version: '0.0.0', created_ms: 1, files: content.files } as unknown as JsonValue);
  await installPack({ store, dataDir, manifest: parseLessonManifestText(manifestText), manifestText, sig: 'not-checked-here', source, held: await heldContent(store), validate: (dir) => load(dir).problems, signal: new AbortController().signal });
  switcher.request(version);
  process.stdout.write(`switched ${version}\n`);
}
