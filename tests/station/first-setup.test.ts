// An installed station starts with no volunteer PIN, and every volunteer command needs a signed-in
// volunteer: without a first set-up no one could ever sign in. The city's one-time enrolment code is
// the proof of authority; it enrols the station and the PIN chosen with it is set. Runs the real
// composition (openStation) against a real hub.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_CONFIG } from '../../electron/station/config/station-config';
import { loadOrCreateKeys } from '../../electron/station/keys/key-store';
import { openStation, type Station } from '../../electron/station/station';
import { tempDir } from '../support/station-db';
import { liveHubForFile } from './sync/support/live-hub';

describe('first set-up of an installed station', () => {
  const live = liveHubForFile();
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  /** A configured (not demo) station on the live hub, with no PIN. */
  function installed(): { station: Station; stationId: string; keysPath: string } {
    const folder = tempDir('tram-first-');
    const stationId = `06688-F${process.pid % 1000}${Math.floor(Math.random() * 1000)}`;
    const configPath = join(folder.dir, 'station-config.json');
    writeFileSync(configPath, JSON.stringify({ ...DEMO_CONFIG, demoMode: false, station: { ...DEMO_CONFIG.station, id: stationId }, hub: { url: live.hub.url } }));
    const station = openStation({ dataDir: folder.dir, configPath, appVersion: 't', lessonsDir: null, scanners: false });
    cleanups.push(async () => {
      await station.close();
      folder.cleanup();
    });
    return { station, stationId, keysPath: join(folder.dir, 'keys.json') };
  }

  it('asks for it, enrols with the code, sets the PIN and signs the volunteer in', async () => {
    const { station, stationId, keysPath } = installed();
    expect(station.status().problems).toEqual([]);
    await expect(station.handlers.getVolunteerStatus({})).resolves.toEqual({ signedIn: false, demoPin: null, needsFirstSetup: true });
    await expect(station.handlers.volunteerSignIn({ pin: '135790' })).rejects.toMatchObject({ code: 'no_pin' });

    const code = await live.hub.issueCode(stationId);
    await expect(station.handlers.firstSetup({ code, pin: '135790' })).resolves.toEqual({ signedIn: true, demoPin: null, needsFirstSetup: false });
    expect(loadOrCreateKeys(keysPath).enrolment).toMatchObject({ stationId, hubUrl: live.hub.url });
    await station.handlers.volunteerSignOut({});
    await expect(station.handlers.volunteerSignIn({ pin: '135790' })).resolves.toMatchObject({ signedIn: true });
  });

  it('a wrong code sets no PIN and enrols nothing', async () => {
    const { station, stationId, keysPath } = installed();
    await live.hub.issueCode(stationId);
    await expect(station.handlers.firstSetup({ code: 'AAAAA-BBBBB-CCCCC-DDDDD', pin: '135790' })).rejects.toMatchObject({ code: 'enrolment_refused' });
    expect(loadOrCreateKeys(keysPath)).toMatchObject({ enrolment: null, volunteerPin: null });
    await expect(station.handlers.getVolunteerStatus({})).resolves.toMatchObject({ signedIn: false, needsFirstSetup: true });
  });

  it('is refused once a PIN exists: the code of a second enrolment cannot replace the PIN', async () => {
    const { station, stationId } = installed();
    await station.handlers.firstSetup({ code: await live.hub.issueCode(stationId), pin: '135790' });
    await station.handlers.volunteerSignOut({});
    const second = await live.hub.issueCode(stationId);
    await expect(station.handlers.firstSetup({ code: second, pin: '246802' })).rejects.toMatchObject({ code: 'pin_already_set' });
    await expect(station.handlers.volunteerSignIn({ pin: '246802' })).rejects.toMatchObject({ code: 'wrong_pin' });
  });

  it('does not exist in demo mode', async () => {
    const folder = tempDir('tram-first-demo-');
    const station = openStation({ dataDir: folder.dir, configPath: null, appVersion: 't', lessonsDir: null, scanners: false });
    cleanups.push(async () => {
      await station.close();
      folder.cleanup();
    });
    await expect(station.handlers.getVolunteerStatus({})).resolves.toMatchObject({ needsFirstSetup: false, demoPin: expect.any(String) });
    await expect(station.handlers.firstSetup({ code: 'AAAAA-BBBBB', pin: '135790' })).rejects.toMatchObject({ code: 'pin_already_set' });
  });
});
