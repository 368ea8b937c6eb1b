import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureRendererBuilt, REPO_ROOT } from '../support/web-host-fixture';

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

  it('tram web serves on 127.0.0.1, prints the URL with a token, and stops cleanly on SIGTERM', async () => {
    ensureRendererBuilt();
    const data = mkdtempSync(join(tmpdir(), 'tram-web-cli-'));
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'tram.mjs'), 'web', '--no-build', '--data', data], { cwd: REPO_ROOT });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 30_000);
      child.stdout.on('data', () => {
        const match = /http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+/.exec(out);
        if (match) {
          clearTimeout(timer);
          resolve(match[0]);
        }
      });
    });
    const page = await fetch(url.split('#')[0] ?? url);
    expect(page.status).toBe(200);
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    await expect(exit).resolves.toBe(0);
    expect(out).toContain('stopped');
    rmSync(data, { recursive: true, force: true });
  });
});
