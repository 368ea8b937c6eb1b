// Issue #20 items 5 and 9 on the hub: password checks go through one bounded queue, a flood of
// sign-ins is answered 429 while a station upload still goes through, and forwarded headers are
// believed only from the listed proxies (Secure cookies; the admin route stays local).
import { describe, expect, it } from 'vitest';
import { buildHubApp } from '../../../city/http/create-hub';
import { PasswordQueue } from '../../../city/staff/password-queue';
import { StationFixture, uniqueStationId } from '../../support/station-fixture';
import { enrol, injectRaw, openTestDatabase, openTestHub, upload } from '../support/hub-harness';

describe('sign-in cannot starve stations; proxies are trusted only by address', () => {
  it('bounds password checks: one at a time, a full queue answers busy at once', async () => {
    let running = 0;
    let most = 0;
    const slow = async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running--;
      return false;
    };
    const queue = new PasswordQueue(1, 2, slow);
    const results = await Promise.all(Array.from({ length: 6 }, () => queue.check('p', 'h')));
    expect(results.filter((r) => r === 'busy')).toHaveLength(3);
    expect(results.filter((r) => r === 'mismatch')).toHaveLength(3);
    expect(most).toBe(1);
    expect(queue.stats()).toMatchObject({ maxActiveSeen: 1, refusedBusy: 3, active: 0, waiting: 0 });
  });

  it('answers a flood of sign-ins with 429 while a station upload still goes through', async () => {
    const database = await openTestDatabase('pglite');
    const hub = await openTestHub(database, { passwordQueue: 2 });
    try {
      const station = new StationFixture(uniqueStationId('06688'));
      await enrol(hub, station);
      station.appendMany(3);
      const basic = (i: number) => ({ authorization: `Basic ${Buffer.from(`ke.la.${i}:mat khau sai ${i}`).toString('base64')}` });
      const flood = Array.from({ length: 24 }, (_v, i) => injectRaw(hub, 'GET', '/v1/reports/progress?ward=06688', basic(i)));
      const stationAnswer = await upload(hub, station, station.batch(1, 3));
      const answers = await Promise.all(flood);
      expect(stationAnswer.status).toBe(200);
      expect(answers.filter((a) => a.status === 429).length).toBeGreaterThan(10);
      expect(answers.every((a) => a.status === 429 || a.status === 401)).toBe(true);
    } finally {
      await hub.app.close();
      await database.cleanup();
    }
  });

  it('sets Secure cookies only for https from a listed proxy, and keeps the admin route local', async () => {
    const database = await openTestDatabase('pglite');
    const hub = await openTestHub(database);
    try {
      const app = buildHubApp(hub.ctx, { trustedProxies: ['10.0.0.5'], adminToken: 'a'.repeat(43) });
      await app.ready();
      const form = (remoteAddress: string) => app.inject({ method: 'GET', url: '/login', remoteAddress, headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' } });
      expect(String((await form('10.0.0.5')).headers['set-cookie'])).toMatch(/; Secure$/);
      expect(String((await form('10.0.0.77')).headers['set-cookie'])).not.toMatch(/Secure/);
      const admin = (remoteAddress: string, headers: Record<string, string> = {}) =>
        app.inject({ method: 'POST', url: '/admin/v1/command', remoteAddress, headers: { 'x-tram-admin-token': 'a'.repeat(43), 'content-type': 'application/json', ...headers }, payload: JSON.stringify({ command: 'revoke', station_id: 'NONE-1' }) });
      expect((await admin('127.0.0.1')).statusCode).toBe(200);
      // Through a proxy on the same machine: the forwarded client is not local, listed proxy or not.
      expect((await admin('127.0.0.1', { 'x-forwarded-for': '127.0.0.1' })).statusCode).toBe(401);
      expect((await admin('127.0.0.1', { forwarded: 'for=203.0.113.9' })).statusCode).toBe(401);
      expect((await admin('10.0.0.5', { 'x-forwarded-for': '127.0.0.1' })).statusCode).toBe(401);
      await app.close();
      const proxied = buildHubApp(hub.ctx, { trustedProxies: ['127.0.0.1'], adminToken: 'a'.repeat(43) });
      await proxied.ready();
      const viaProxy = await proxied.inject({ method: 'POST', url: '/admin/v1/command', remoteAddress: '127.0.0.1', headers: { 'x-tram-admin-token': 'a'.repeat(43), 'x-forwarded-for': '203.0.113.9' }, payload: '{}' });
      expect(viaProxy.statusCode).toBe(401);
      await proxied.close();
    } finally {
      await hub.app.close();
      await database.cleanup();
    }
  });
});
