// openStation's choice between the running and the maintenance station for a missing config and a
// sealed key store (issue #20, low: a packaged kiosk without its config must not run the demo).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useKeyFileSealer } from '../../electron/station/keys/key-file-sealer';
import { openStation, type Station } from '../../electron/station/station';
import { StationError } from '../../electron/station/station-error';
import { fakeSafeStorage } from '../support/electron-mock';
import { tempDir } from '../support/station-db';

describe('openStation', () => {
  let dir: { dir: string; cleanup: () => void };
  const opened: Station[] = [];
  const open = (options: Partial<Parameters<typeof openStation>[0]> = {}) => {
    const station = openStation({ dataDir: dir.dir, configPath: join(dir.dir, 'station-config.json'), appVersion: 'test', lessonsDir: null, scanners: false, ...options });
    opened.push(station);
    return station;
  };
  beforeEach(() => {
    dir = tempDir('tram-station-');
  });
  afterEach(async () => {
    for (const station of opened.splice(0)) await station.close();
    useKeyFileSealer(null);
    dir.cleanup();
  });

  it('runs the demo when the config is missing in development', () => {
    const station = open();
    expect(station.status().problems).toEqual([]);
    expect(station.status().demoMode).toBe(true);
    expect(station.db).not.toBeNull();
  });

  it('shows the maintenance screen, not the demo, when an installed kiosk has no config', async () => {
    const station = open({ missingConfig: 'maintenance' });
    expect(station.status().problems).toEqual([{ code: 'config_missing', message: expect.stringContaining('station-config.json') }]);
    expect(station.db).toBeNull();
    // Nothing of the demo is reachable, and nothing was written: no database, no keys.
    expect(station.status().demoMode).toBe(false);
    await expect(station.handlers.listDemoCards({})).resolves.toEqual([]);
    await expect(station.handlers.getVolunteerStatus({})).resolves.toEqual({ signedIn: false, demoPin: null, needsFirstSetup: false });
    await expect(station.handlers.playDemoCard({ id: 'demo-1' })).rejects.toBeInstanceOf(StationError);
    await expect(station.handlers.playDemoCard({ id: 'demo-1' })).rejects.toMatchObject({ code: 'unavailable' });
    expect(existsSync(join(dir.dir, 'station.sqlite'))).toBe(false);
    expect(existsSync(join(dir.dir, 'keys.json'))).toBe(false);
  });

  it('a key store sealed by another account puts the station in maintenance and leaves the file alone', async () => {
    const storage = fakeSafeStorage();
    useKeyFileSealer({ scheme: 'electron-safe-storage', seal: (plain) => storage.encryptString(plain.toString('utf8')), open: (sealed) => Buffer.from(storage.decryptString(sealed), 'utf8') });
    await open().close();
    opened.length = 0;
    const sealed = readFileSync(join(dir.dir, 'keys.json'));
    useKeyFileSealer(null);
    const station = open();
    expect(station.status().problems).toEqual([{ code: 'key_store_sealed', message: expect.stringContaining('sealed') }]);
    expect(readFileSync(join(dir.dir, 'keys.json'))).toEqual(sealed);
  });
});
