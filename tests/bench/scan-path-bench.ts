/**
 * Scan-path measure (issue #21): which of the station's source files run while one scan travels from
 * the scanner to the welcome outcome, and how many of them derive a learner key. It is measured, not
 * listed by hand: V8's precise coverage is reset just before a returning learner's card is played as
 * byte-exact HID-POS reports through the demo scanner, and read again when `scanOutcome` arrives; every
 * file under electron/ with a function that ran in between is on the path. The same script run on the
 * commit before the redesign gives the "before" figure in the README.
 */
import { Session } from 'node:inspector/promises';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStation } from '../../electron/station/station';
import { fakeIdCardText } from '../support/fake-persons';

type Coverage = { result: Array<{ url: string; functions: Array<{ functionName: string; ranges: Array<{ count: number }> }> }> };

const root = join(fileURLToPath(import.meta.url), '..', '..', '..');

/** Files under electron/ with at least one function that ran since the last reset. */
function filesThatRan(coverage: Coverage): string[] {
  const files = new Set<string>();
  for (const script of coverage.result) {
    if (!script.url.startsWith('file://')) continue;
    const path = relative(root, fileURLToPath(script.url.split('?')[0] ?? ''));
    if (!path.startsWith('electron/')) continue;
    // A module's top-level code ran at import, before the reset: any count now is a function of the scan.
    if (script.functions.some((fn) => (fn.ranges[0]?.count ?? 0) > 0)) files.add(path);
  }
  return [...files].sort();
}

export async function runScanPathBench(): Promise<Record<string, unknown>> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tram-scan-path-'));
  const station = openStation({ dataDir, configPath: null, appVersion: 'bench', lessonsDir: join(root, 'lessons') });
  const session = new Session();
  session.connect();
  try {
    const scanner = station.demoScanner();
    if (!scanner) throw new Error('the demo station has no demo scanner');
    const outcome = () => new Promise<{ kind: string; pendingId?: string }>((resolve) => {
      const off = station.on('scanOutcome', (payload) => {
        off();
        resolve(payload as { kind: string; pendingId?: string });
      });
    });
    // Register the learner once (consent), then end the visit: the measured scan is a returning learner's.
    const card = fakeIdCardText(7);
    let answer = outcome();
    // The demo scanner is opened asynchronously, as a real one is; until then nobody reads it.
    while (!scanner.scanText(card)) await new Promise((resolve) => setTimeout(resolve, 20));
    const first = await answer;
    if (first.kind === 'consent' && first.pendingId) await station.handlers.answerConsent({ pendingId: first.pendingId, accept: true });
    await station.handlers.endVisit({ reason: 'user' });

    await session.post('Profiler.enable');
    await session.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false });
    await session.post('Profiler.takePreciseCoverage');
    answer = outcome();
    scanner.scanText(card);
    const measured = await answer;
    const files = filesThatRan((await session.post('Profiler.takePreciseCoverage')) as unknown as Coverage);
    await session.post('Profiler.stopPreciseCoverage');
    if (measured.kind !== 'welcome') throw new Error(`expected a welcome, got ${measured.kind}`);
    for (const file of files) process.stdout.write(`${file}\n`);
    // A file derives a key when it calls an HMAC or scrypt itself; on a learner's scan that is the learner key.
    const keyFiles = files.filter((file) => /\b(createHmac|scrypt)\(/.test(readFileSync(join(root, file), 'utf8')));
    process.stdout.write(`deriving keys: ${keyFiles.join(', ')}\n`);
    return { outcome: measured.kind, files_on_scan_path: files.length, station_files: files.filter((f) => f.startsWith('electron/station/')).length, core_files: files.filter((f) => f.startsWith('electron/core/')).length, contract_files: files.filter((f) => f.startsWith('electron/contract/')).length, files_deriving_keys: keyFiles.length };
  } finally {
    session.disconnect();
    await station.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
