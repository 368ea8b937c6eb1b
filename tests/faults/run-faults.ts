/**
 * Fault suite runner (`npm run test:faults`): runs tests/faults with vitest's Node API and prints one
 * line per scenario, then `N passed, M failed` as the last line; exits 1 on any failure.
 *
 * The settings are given inline (`config: false`) so the runner works whether or not vitest.config.ts
 * has a `faults` project yet; keep them equal to that project. Extra arguments filter files, like
 * `vitest run <filter>` (e.g. `npm run test:faults -- network`).
 */
import { resolve } from 'node:path';
import { startVitest } from 'vitest/node';

const root = resolve(import.meta.dirname, '../..');
const filters = process.argv.slice(2).filter((arg) => !arg.startsWith('-'));

const vitest = await startVitest('test', filters.length > 0 ? filters : ['tests/faults'], {
  config: false,
  root,
  include: ['tests/faults/**/*.test.ts'],
  testTimeout: 120_000,
  hookTimeout: 120_000,
  watch: false,
  reporters: ['dot'],
});

let passed = 0;
let failed = 0;
const lines: string[] = [];
for (const module of vitest?.state.getTestModules() ?? []) {
  for (const test of module.children.allTests()) {
    const state = test.result().state;
    if (state === 'passed') passed += 1;
    else if (state === 'failed') failed += 1;
    else continue;
    const seconds = ((test.diagnostic()?.duration ?? 0) / 1000).toFixed(1);
    // it.fails pins a known gap: it "passes" while the gap is there; say so instead of hiding it.
    const known = test.options.fails === true ? ' [known gap, expected to fail]' : '';
    lines.push(`${state === 'passed' ? 'ok  ' : 'FAIL'} ${module.moduleId.slice(root.length + 1)} › ${test.fullName}${known} (${seconds} s)`);
  }
  // A file that cannot load has no tests to count: count it as a failure, never as silence.
  if (module.state() === 'failed' && module.children.size === 0) {
    failed += 1;
    lines.push(`FAIL ${module.moduleId.slice(root.length + 1)} (did not load)`);
  }
}
await vitest?.close();
process.stdout.write(`\n${lines.join('\n')}\n`);
if (vitest === undefined) failed += 1;
process.stdout.write(`${passed} passed, ${failed} failed\n`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
