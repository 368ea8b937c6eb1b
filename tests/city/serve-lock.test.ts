// <data>/serve.json: written atomically (mode 0600), read defensively. Found by trying it: a truncated
// file made every `tram city` command die with a SyntaxError.
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCityCli } from '../../city/cli/city-cli';
import { readServeLock, SERVE_LOCK_FILE, ServeLockDamagedError, writeServeLock } from '../../city/cli/serve-lock';

describe('serve.json', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tram-serve-lock-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const cli = async (args: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCityCli(args, { stdout: (line) => out.push(line), stderr: (line) => err.push(line), stdin: Readable.from(['']), env: { LOG_LEVEL: 'silent' } });
    return { code, out, err };
  };

  it('is written whole, private, with no temporary file left behind, and read back', async () => {
    const lock = { pid: process.pid, port: 4321, token: 't'.repeat(32) };
    await writeServeLock(dataDir, lock);
    expect(await readServeLock(dataDir)).toEqual(lock);
    expect((await stat(join(dataDir, SERVE_LOCK_FILE))).mode & 0o777).toBe(0o600);
    expect(await readdir(dataDir)).toEqual([SERVE_LOCK_FILE]);
  });

  it.each([
    ['truncated', '{"pid":12'],
    ['empty', ''],
    ['not a lock', '{"pid":"x"}'],
  ])('a %s file is a typed error naming the file and what to do, and commands exit 1 with it', async (_name, text) => {
    await writeFile(join(dataDir, SERVE_LOCK_FILE), text);
    await expect(readServeLock(dataDir)).rejects.toBeInstanceOf(ServeLockDamagedError);
    const run = await cli(['issue-code', '06688-01', '--data', dataDir]);
    expect(run.code).toBe(1);
    expect(run.err.join('\n')).toContain('serve.json cannot be read');
    expect(run.err.join('\n')).toContain('delete the file');
    const serve = await cli(['serve', '--data', dataDir, '--port', '0']);
    expect(serve.code).toBe(1);
  });

  it('a lock of a process that is gone is stale and ignored', async () => {
    await writeFile(join(dataDir, SERVE_LOCK_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, port: 1, token: 'x'.repeat(20) }));
    expect(await readServeLock(dataDir)).toBeNull();
  });
});
