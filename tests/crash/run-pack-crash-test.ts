/**
 * Pack-switch crash test (`npm run test:crash-pack -- --runs N`, issue #18 item 6): a child installs
 * and switches lesson pack versions in a loop (pack-switch-child.ts); this parent kills it with
 * SIGKILL at random instants — while files are copied, hashed, flushed, renamed, or the pointer is
 * written. After each kill it starts the way the station does (resolvePackAtStart, prune) and checks
 * that the running pack is whole: the pointer parses (or is absent), the folder holds exactly its
 * signed manifest's files with their hashes, every lesson loads, and its content is entirely A or
 * entirely B. Prints {"runs","mixed","unloadable","bad_pointer","switches_done","versions_seen"} as its last line;
 * exits 1 if any failure count is non-zero.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { fleetPaths } from '../../electron/station/fleet/fleet-files';
import { verifyPackFolder } from '../../electron/station/fleet/pack-install';
import { openPackStore, resolvePackAtStart } from '../../electron/station/fleet/pack-store';
import { loadLessons } from '../../electron/station/lessons/load-lessons';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, 'max-delay-ms': { type: 'string', default: '500' } } });
const runs = Number(values.runs);
const maxDelay = Number(values['max-delay-ms']);
const repoLessons = resolve(import.meta.dirname, '../../lessons');
// A process kill loses no written page, so the folder may live in RAM (/dev/shm) where fsync is cheap:
// this test is about the order of renames and the pointer write, not about power loss.
const work = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'tram-pack-crash-'));
const child = resolve(import.meta.dirname, '../../node_modules/.cache/tram-crash/pack-switch-child.mjs');
await build({ entryPoints: [resolve(import.meta.dirname, 'pack-switch-child.ts')], outfile: child, bundle: true, platform: 'node', format: 'esm', logLevel: 'warning' });

// Two contents of the 12-lesson pack: B corrects one lesson and carries a recording A does not.
const LESSONS = [...new Set((JSON.parse(readFileSync(join(repoLessons, 'tracks.json'), 'utf8')) as { tracks: Array<{ lessons: string[] }> }).tracks.flatMap((track) => track.lessons))];
function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    return entry.isDirectory() ? listFiles(dir, path) : [path];
  });
}
const sources = join(work, 'sources');
const markers = { A: '', B: '(bản B)' } as const;
for (const name of ['A', 'B'] as const) {
  const dir = join(sources, name);
  for (const id of LESSONS) cpSync(join(repoLessons, id), join(dir, id), { recursive: true });
  cpSync(join(repoLessons, 'tracks.json'), join(dir, 'tracks.json'));
  if (name === 'B') {
    const file = join(dir, 'zalo-an-toan', 'lesson.json');
    const lesson = JSON.parse(readFileSync(file, 'utf8')) as { version: number; summary: { vi: string; en: string }; steps: Array<{ audio?: string }> };
    lesson.version += 1;
    lesson.summary.vi = `${lesson.summary.vi} ${markers.B}`;
    writeFileSync(join(dir, 'zalo-an-toan', 'recording.mp3'), Buffer.alloc(400_000, 7));
    lesson.steps[0]!.audio = 'recording.mp3';
    writeFileSync(file, `${JSON.stringify(lesson, null, 2)}\n`);
  }
  const files = listFiles(dir).sort().map((path) => {
    const bytes = readFileSync(join(dir, path));
    return { path, sha256: createHash('sha256').update(bytes).digest('hex'), size: bytes.length };
  });
  writeFileSync(join(sources, `${name}.json`), JSON.stringify(files));
}

/** Runs the child, kills it `delayMs` after it is ready; resolves with the switches it reported. */
function runChild(dataDir: string, delayMs: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const worker = spawn(process.execPath, [child, dataDir, sources], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    worker.stdout.on('data', (chunk: Buffer) => {
      if (out === '') setTimeout(() => worker.kill('SIGKILL'), delayMs);
      out += chunk.toString();
    });
    worker.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    worker.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolvePromise(out.split('\n').filter((line) => line.startsWith('switched ')).length) : reject(new Error(`child exited on its own: ${err.slice(0, 800)}`))));
  });
}

let mixed = 0;
let unloadable = 0;
let badPointer = 0;
const versionsSeen = new Set<number>();
let switchesDone = 0;
const dataDir = join(work, 'station');
mkdirSync(dataDir);
try {
  for (let run = 1; run <= runs; run++) {
    switchesDone += await runChild(dataDir, Math.floor(Math.random() * maxDelay));
    const store = openPackStore(dataDir, null);
    if (existsSync(fleetPaths(dataDir).pointerFile) && store.pointer() === null) badPointer += 1;
    resolvePackAtStart(store);
    store.prune();
    const version = store.currentVersion();
    if (version === null) continue; // before the first switch: the bundled lessons (none here)
    versionsSeen.add(version);
    const dir = store.currentDir()!;
    try {
      await verifyPackFolder(dir, store.manifestOf(version)!);
    } catch {
      mixed += 1;
      continue;
    }
    const loaded = loadLessons(dir);
    if (loaded.problems.length > 0 || loaded.lessons.length !== LESSONS.length) unloadable += 1;
    const zalo = loaded.lessons.find((lesson) => lesson.id === 'zalo-an-toan');
    const isB = zalo?.summary.vi.includes(markers.B) === true;
    const hasRecording = existsSync(join(dir, 'zalo-an-toan', 'recording.mp3'));
    if (isB !== hasRecording) mixed += 1;
    if (run % 50 === 0) process.stdout.write(`… ${run} runs, running version ${version}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const summary = { runs, mixed, unloadable, bad_pointer: badPointer, switches_done: switchesDone, versions_seen: versionsSeen.size };
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exitCode = mixed + unloadable + badPointer === 0 && versionsSeen.size > 1 ? 0 : 1;
