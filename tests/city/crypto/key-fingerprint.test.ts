// Issue #16 item 3: a database remembers the key file it was first served with; a hub with another
// key file (a fresh data folder on a database of enrolled stations, or a swapped file) refuses to
// start with a clear message, through openHubContext and through `tram city serve`.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCityCli } from '../../../city/cli/city-cli';
import { CITY_KEY_FILE, loadOrCreateCityKeys } from '../../../city/crypto/city-keys';
import { KeyFileMismatchError, keyFingerprint } from '../../../city/crypto/key-fingerprint';
import { openHubContext } from '../../../city/hub-context';
import { StationFixture, uniqueStationId } from '../../support/station-fixture';
import { DRIVERS, enrol, openTestHub, useTestHub } from '../support/hub-harness';
import type { TestDatabase, TestHub } from '../support/hub-harness';

describe.each(DRIVERS)('city key file fingerprint (%s)', (driver) => {
  let database: TestDatabase;
  let hub: TestHub;
  useTestHub(driver, (opened) => ({ database, hub } = opened));

  it('records the first key file and accepts it again', async () => {
    const rows = await hub.ctx.db.query<{ key_fingerprint: string }>('SELECT key_fingerprint FROM hub_identity');
    expect(rows).toEqual([{ key_fingerprint: keyFingerprint(hub.ctx.keys) }]);
    expect(JSON.stringify(rows)).not.toContain(hub.ctx.keys.learnerKeyB64);
    await expect(openTestHub(database)).resolves.toBeDefined();
  });

  it('refuses a fresh data folder on a database of enrolled stations', async () => {
    expect((await enrol(hub, new StationFixture(uniqueStationId('06688')))).status).toBe(201);
    const fresh = await mkdtemp(join(tmpdir(), 'tram-keys-'));
    try {
      const opening = openHubContext({ dataDir: fresh, db: database.db });
      await expect(opening).rejects.toBeInstanceOf(KeyFileMismatchError);
      await expect(openHubContext({ dataDir: fresh, db: database.db })).rejects.toThrow(/does not match this database.*same city-keys\.json/);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('refuses, before a fingerprint was ever recorded, a key file created by this very start', async () => {
    await hub.ctx.db.query('DELETE FROM hub_identity');
    const fresh = await mkdtemp(join(tmpdir(), 'tram-keys-'));
    try {
      await expect(openHubContext({ dataDir: fresh, db: database.db })).rejects.toThrow(/enrolled stations but the key file .* was just created/);
      expect(await hub.ctx.db.query('SELECT * FROM hub_identity')).toEqual([]);
      // The hub's own (older) key file is then taken as the database's.
      await openTestHub(database);
      expect(await hub.ctx.db.query('SELECT key_fingerprint FROM hub_identity')).toEqual([{ key_fingerprint: keyFingerprint(hub.ctx.keys) }]);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });

  it('makes `tram city serve` exit 1 with the reason when the key file does not match', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'tram-keys-serve-'));
    const stranger = await mkdtemp(join(tmpdir(), 'tram-keys-stranger-'));
    try {
      const err: string[] = [];
      const env = driver === 'postgres' ? { DATABASE_URL: database.databaseUrl, LOG_LEVEL: 'silent' } : { LOG_LEVEL: 'silent' };
      const io = { stdout: () => undefined, stderr: (line: string) => err.push(line), stdin: Readable.from(['']), env };
      if (driver === 'pglite') {
        // PGlite lives in the data folder: serve it once (records its key file), then swap the file.
        expect(await runCityCli(['issue-code', '06688-01', '--data', dataDir], io)).toBe(0);
        await loadOrCreateCityKeys(stranger);
        await writeFile(join(dataDir, CITY_KEY_FILE), await readFile(join(stranger, CITY_KEY_FILE)));
      }
      // On PostgreSQL the database already has the test hub's key file: a fresh folder brings another.
      expect(await runCityCli(['serve', '--data', dataDir, '--port', '0'], io)).toBe(1);
      expect(err.join('\n')).toMatch(/không khớp với cơ sở dữ liệu.*The key file .* does not match this database/s);
    } finally {
      await rm(dataDir, { recursive: true, force: true });
      await rm(stranger, { recursive: true, force: true });
    }
  });
});
