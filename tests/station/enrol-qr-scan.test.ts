// Issue #17 item 3, station side: while the sync screen's enrolment section is open, a scan of the
// hub's enrolment QR enrols the station; a QR of another hub or another station id is refused with a
// bilingual message and uses nothing up; outside that screen it is refused; the code is never logged.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandSpecs } from '../../electron/contract/commands';
import type { KioskEvents } from '../../electron/contract/events';
import { formatEnrolQr } from '../../electron/core/sync/protocol/enrol-qr';
import { createDispatch } from '../../electron/station/ipc/dispatch';
import { DEMO_CONFIG } from '../../electron/station/config/station-config';
import { openStation } from '../../electron/station/station';
import { tempDir } from '../support/station-db';
import { liveHubForFile } from './sync/support/live-hub';

describe('enrolment by scanning the hub QR', () => {
  const live = liveHubForFile();

  it('enrols only while armed, only with its own hub and id, and never logs the code', async () => {
    const folder = tempDir('tram-kiosk-qr-');
    const stationId = `06688-Q${process.pid % 1000}${Math.floor(Math.random() * 1000)}`;
    const configPath = join(folder.dir, 'station-config.json');
    writeFileSync(configPath, JSON.stringify({ ...DEMO_CONFIG, station: { ...DEMO_CONFIG.station, id: stationId }, hub: { url: live.hub.url } }));
    const station = openStation({ dataDir: folder.dir, configPath, appVersion: 't', lessonsDir: null, scanners: false });
    const outcomes: KioskEvents['scanOutcome'][] = [];
    const enrolments: KioskEvents['enrolmentScanned'][] = [];
    station.on('scanOutcome', (outcome) => outcomes.push(outcome));
    station.on('enrolmentScanned', (result) => enrolments.push(result));
    const scan = (text: string) => station.handlers.submitScan({ text, method: 'keyboard' });
    const next = async () => {
      await expect.poll(() => enrolments.length, { timeout: 10_000 }).toBeGreaterThan(0);
      return enrolments.shift();
    };
    try {
      const code = await live.hub.issueCode(stationId);
      const origin = live.hub.url.replace(/\/$/, '');
      const good = formatEnrolQr({ origin, stationId, code });
      await station.handlers.volunteerSignIn({ pin: '1234' });
      await expect(station.handlers.setEnrolmentScan({ armed: true })).resolves.toEqual({ armed: true });
      await station.handlers.setEnrolmentScan({ armed: false });
      await scan(good);
      expect(outcomes.at(-1)).toMatchObject({ kind: 'rejected', code: 'enrolment_qr_not_armed' });
      expect(enrolments).toEqual([]);

      await station.handlers.setEnrolmentScan({ armed: true });
      await scan(formatEnrolQr({ origin: 'https://hub.other.example', stationId, code }));
      expect(await next()).toEqual({ ok: false, message: { vi: expect.stringContaining('không phải máy chủ của trạm'), en: expect.stringContaining('not this station') } });
      await station.handlers.setEnrolmentScan({ armed: true });
      await scan(formatEnrolQr({ origin, stationId: '06688-99', code }));
      expect(await next()).toEqual({ ok: false, message: { vi: expect.stringContaining('dành cho trạm 06688-99'), en: expect.stringContaining('for station 06688-99') } });
      await station.handlers.setEnrolmentScan({ armed: true });
      await scan('TRAMENROL1:not a hub|06688-01');
      expect(await next()).toEqual({ ok: false, message: { vi: expect.stringContaining('bị hỏng'), en: expect.stringContaining('damaged') } });
      expect((await station.handlers.getSyncStatus({})).state).toBe('not_enrolled');

      await station.handlers.setEnrolmentScan({ armed: true });
      await scan(good);
      expect(await next()).toEqual({ ok: true, epoch: 1 });
      expect((await station.handlers.getSyncStatus({})).state).not.toBe('not_enrolled');
      // Armed once: a second scan is not an enrolment any more.
      await scan(good);
      expect(outcomes.at(-1)).toMatchObject({ kind: 'rejected', code: 'enrolment_qr_not_armed' });
      await station.close();
      const log = readFileSync(join(folder.dir, 'logs', 'station.log'), 'utf8');
      expect(log).toContain('enrolled');
      expect(log).not.toContain(code);
      expect(log.replace(/-/g, '')).not.toContain(code.replace(/-/g, ''));
    } finally {
      folder.cleanup();
    }
  });

  it('is a volunteer-only command: refused through the dispatcher without a volunteer signed in', async () => {
    const folder = tempDir('tram-kiosk-qr-');
    const station = openStation({ dataDir: folder.dir, configPath: null, appVersion: 't', lessonsDir: null, scanners: false });
    const dispatch = createDispatch(station.handlers, { volunteerGate: station.volunteerGate });
    try {
      expect(commandSpecs.setEnrolmentScan.volunteerOnly).toBe(true);
      await expect(dispatch('setEnrolmentScan', { armed: true })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await station.handlers.volunteerSignIn({ pin: '1234' });
      await expect(dispatch('setEnrolmentScan', { armed: true })).resolves.toEqual({ ok: true, value: { armed: true } });
    } finally {
      await station.close();
      folder.cleanup();
    }
  });
});
