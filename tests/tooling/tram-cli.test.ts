import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/web-host-fixture';

function tram(...args: string[]) {
  return spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'tram.mjs'), ...args], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 60_000 });
}

describe('tram command', () => {
  it('prints help with exit 0, without a build step', () => {
    const run = tram('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Usage:');
    expect(run.stdout).toContain('tram web');
  });

  it('refuses an unknown command with exit 2', () => {
    const run = tram('launch-missiles');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("unknown command 'launch-missiles'");
  });

  it('tram web refuses a non-loopback host with exit 2', () => {
    const run = tram('web', '--host', '0.0.0.0', '--no-build', '--data', join(REPO_ROOT, '.tram-data', 'cli-test'));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('refusing to serve on 0.0.0.0');
  });
});
