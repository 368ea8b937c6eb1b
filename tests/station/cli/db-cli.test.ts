// `tram db verify|seed`: verify leaves a crashed station's files (main, -wal, -shm) byte-identical;
// seed refuses a real, enrolled or non-empty station folder unless told it is a demo.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runDbCli, verifyFile } from '../../../electron/station/cli/db-cli';
import { seedEvents } from '../../../electron/station/db/seed';
import { openTestLog, tempDir } from '../../support/station-db';

const digest = (path: string): string | null => (existsSync(path) ? createHash('sha256').update(readFileSync(path)).digest('hex') : null);
const evidence = (path: string) => [digest(path), digest(`${path}-wal`), digest(`${path}-shm`)];

describe('tram db', () => {
  let temp: ReturnType<typeof tempDir>;
  let out: string[];
  let err: string[];
  beforeEach(() => {
    temp = tempDir('tram-db-cli-');
    out = [];
    err = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    temp.cleanup();
  });

  /** A station that crashed: its files as they were on disk at the instant it died, WAL not merged. */
  function crashedStation(events: number): string {
    const live = join(temp.dir, 'live.sqlite');
    const { db, log } = openTestLog(live);
    db.pragma('wal_autocheckpoint = 0');
    seedEvents(log, events, 3);
    const dead = join(temp.dir, 'station.sqlite');
    for (const suffix of ['', '-wal', '-shm']) copyFileSync(`${live}${suffix}`, `${dead}${suffix}`);
    db.close();
    return dead;
  }

  // Found by trying it: verify opened the file read-write, and closing merged and deleted the -wal,
  // destroying the evidence of a crashed station.
  it('verify reads a crashed station (events only in the -wal included) and leaves all three files byte-identical', async () => {
    const path = crashedStation(40);
    expect(readFileSync(`${path}-wal`).length).toBeGreaterThan(0);
    const before = evidence(path);
    expect(before.every((hash) => hash !== null)).toBe(true);
    expect(await runDbCli(['verify', '--db', path])).toBe(0);
    expect(JSON.parse(out.join(''))).toMatchObject({ ok: true, events: expect.any(Number), problems: [] });
    expect(JSON.parse(out.join('')).events).toBeGreaterThanOrEqual(40);
    expect(evidence(path)).toEqual(before);
  });

  it('verify reports a tampered event and still changes nothing', async () => {
    const path = crashedStation(10);
    // Tamper with the evidence copy through a second copy, so the original stays as it was.
    const tampered = join(temp.dir, 'tampered.sqlite');
    for (const suffix of ['', '-wal']) copyFileSync(`${path}${suffix}`, `${tampered}${suffix}`);
    const { db: edit } = openTestLog(tampered);
    edit.exec('DROP TRIGGER events_no_update');
    edit.prepare("UPDATE events SET payload = '{\"forged\":true}' WHERE seq = 3").run();
    edit.pragma('wal_checkpoint(TRUNCATE)');
    edit.close();
    const before = evidence(tampered);
    const result = verifyFile(tampered);
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => problem.message).join(' ')).toMatch(/seq 3/);
    expect(evidence(tampered)).toEqual(before);
  });

  it('verify of a missing or foreign file is a typed problem, exit 2', async () => {
    writeFileSync(join(temp.dir, 'notes.sqlite'), 'not a database at all');
    expect(await runDbCli(['verify', '--db', join(temp.dir, 'notes.sqlite')])).toBe(2);
    expect(JSON.parse(out.pop() ?? '{}')).toMatchObject({ ok: false, problems: [{ code: 'integrity' }] });
    expect(await runDbCli(['verify', '--db', join(temp.dir, 'nothing.sqlite')])).toBe(2);
  });

  // Found by trying it: seed wrote fake learners into a real, enrolled station's log.
  it('seed refuses an enrolled station folder and one that already holds events, unless --force-demo', async () => {
    const enrolled = join(temp.dir, 'enrolled');
    const path = crashedStation(5);
    expect(await runDbCli(['seed', '--db', path, '--events', '10'])).toBe(2);
    expect(err.join('')).toContain('already holds events');
    expect(digest(path)).toBe(evidence(path)[0]);

    const { mkdirSync } = await import('node:fs');
    mkdirSync(enrolled);
    writeFileSync(join(enrolled, 'keys.json'), JSON.stringify({ enrolment: { stationId: '06688-01' } }));
    expect(await runDbCli(['seed', '--data', enrolled, '--events', '10'])).toBe(2);
    expect(err.join('')).toContain('enrolled');
    expect(existsSync(join(enrolled, 'station.sqlite'))).toBe(false);

    expect(await runDbCli(['seed', '--data', enrolled, '--events', '10', '--force-demo'])).toBe(0);
    expect(JSON.parse(out.pop() ?? '{}')).toMatchObject({ ok: true, events: expect.any(Number) });
  });

  // Issue #20: a kiosk's sealed key store hides whether it is enrolled; seed must not guess "no".
  it('seed refuses a folder whose key store is sealed', async () => {
    const { mkdirSync } = await import('node:fs');
    const kiosk = join(temp.dir, 'kiosk');
    mkdirSync(kiosk);
    writeFileSync(join(kiosk, 'keys.json'), JSON.stringify({ version: 1, sealed: { scheme: 'electron-safe-storage', data: 'AAAA' } }));
    expect(await runDbCli(['seed', '--data', kiosk, '--events', '10'])).toBe(2);
    expect(err.join('')).toContain('sealed');
    expect(existsSync(join(kiosk, 'station.sqlite'))).toBe(false);
  });

  it('seed fills an empty folder', async () => {
    expect(await runDbCli(['seed', '--data', temp.dir, '--events', '25'])).toBe(0);
    expect(JSON.parse(out.pop() ?? '{}')).toMatchObject({ ok: true, head_seq: expect.any(Number) });
    expect(await runDbCli(['verify', '--data', temp.dir])).toBe(0);
  });
});
