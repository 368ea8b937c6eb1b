/**
 * Crash test (`npm run test:crash -- --runs N`): a child writes events and prints each committed seq;
 * this parent kills it with SIGKILL at random instants. After each kill the database must open,
 * pass integrity_check, contain every printed seq, be gapless and verify its chain. Prints
 * {"runs","lost","corrupted","chain_breaks"} as its last line and exits 1 if any is non-zero.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { build } from 'esbuild';
import { sha256Hex } from '../../electron/station/crypto/node-hash';
import { verifyLog } from '../../electron/station/db/verify-log';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '200' }, 'max-delay-ms': { type: 'string', default: '120' } } });
const runs = Number(values.runs);
const maxDelay = Number(values['max-delay-ms']);
const work = mkdtempSync(join(tmpdir(), 'tram-crash-'));
// Inside node_modules so the bundle resolves better-sqlite3 like the app does.
const writer = resolve(import.meta.dirname, '../../node_modules/.cache/tram-crash/crash-writer.mjs');

// Bundle the child once so each start costs milliseconds, not a TypeScript compile.
await build({ entryPoints: [resolve(import.meta.dirname, 'crash-writer.ts')], outfile: writer, bundle: true, platform: 'node', format: 'esm', external: ['better-sqlite3'], logLevel: 'warning', banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } });

function runChild(dir: string, delayMs: number): Promise<number[]> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [writer, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (timer === null && out.startsWith('ready\n')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.on('exit', (_code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer exited on its own: ${err.slice(0, 500)}`));
      // A kill can cut the last line mid-write: only whole lines were printed after a commit.
      const lines = out.split('\n');
      lines.pop();
      resolvePromise(lines.filter((line) => line !== 'ready').map(Number));
    });
  });
}

let lost = 0;
let corrupted = 0;
let chainBreaks = 0;
const dir = join(work, 'station');
mkdirSync(dir);
let printed = new Set<number>();
let lastPrinted = 0;
try {
  for (let run = 1; run <= runs; run++) {
    const seqs = await runChild(dir, Math.floor(Math.random() * maxDelay));
    for (const seq of seqs) printed.add(seq);
    lastPrinted = Math.max(lastPrinted, ...seqs);
    const db = new Database(join(dir, 'station.sqlite'));
    try {
      const integrity = db.pragma('integrity_check', { simple: true });
      if (integrity !== 'ok') corrupted += 1;
      const stored = new Set(db.prepare<[], { seq: number }>('SELECT seq FROM events WHERE epoch = 1').all().map((row) => row.seq));
      for (const seq of printed) if (!stored.has(seq)) lost += 1;
      const verification = verifyLog(db, { sha256Hex });
      if (!verification.ok) chainBreaks += 1;
      if (verification.events !== stored.size) chainBreaks += 1;
    } catch {
      corrupted += 1;
    } finally {
      db.close();
    }
    printed = new Set(); // checked once; the next run adds its own
    if (run % 50 === 0) process.stdout.write(`… ${run} runs, last committed seq ${lastPrinted}\n`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
const summary = { runs, lost, corrupted, chain_breaks: chainBreaks };
process.stdout.write(`${JSON.stringify(summary)}\n`);
process.exitCode = lost + corrupted + chainBreaks === 0 ? 0 : 1;
