// PROTOCOL.md §8 and the staff pages: sign-in, distinct counting across stations, age bands,
// competency domains, targets, HTML and CSV.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAdminCommand } from '../../city/admin/admin-commands';
import { lessonMap } from '../../city/store/report-store';
import { reportYear } from '../../city/reports/progress';
import { SESSION_TTL_MS } from '../../city/http/staff-session';
import { StationFixture, learnerKeyFor, payloads } from '../support/station-fixture';
import { DRIVERS, enrol, openTestDatabase, openTestHub, upload } from './support/hub-harness';
import type { TestDatabase, TestHub } from './support/hub-harness';

describe.each(DRIVERS)('reports (%s)', (driver) => {
  let database: TestDatabase;
  let hub: TestHub;
  let cookie: string;
  const ward = '27001';
  const otherWard = '27004';

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    hub = await openTestHub(database);
    expect((await runAdminCommand(hub.ctx, { command: 'add-staff', name: 'can.bo', password: 'mật khẩu dài 123' })).exit_code).toBe(0);
    const login = await hub.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ name: 'can.bo', password: 'mật khẩu dài 123' }).toString(),
    });
    expect(login.statusCode).toBe(303);
    const setCookie = String(login.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    cookie = setCookie.split(';')[0] ?? '';

    // Two stations in one ward. Learner A registers at station 1 and checks in at station 2;
    // learner B only checks in at station 2; learner C registers at station 1 but lives in another ward.
    const key = (id: string) => learnerKeyFor(hub.ctx.keys.learnerKeyB64, id);
    const [a, b, c] = [key('001150000001'), key('001150000002'), key('001150000003')];
    const year = reportYear(hub.clock.ms);
    const one = new StationFixture(`${ward}-01`);
    const two = new StationFixture(`${ward}-02`);
    await enrol(hub, one);
    await enrol(hub, two);
    one.append('learner.registered', payloads.registered(a, year - 70, 'nu', ward));
    one.append('attendance.checkin', payloads.checkin(a));
    one.append('lesson.completed', payloads.lessonCompleted(a, 'mat-khau-otp'));
    one.append('learner.registered', payloads.registered(c, year - 16, 'nam', otherWard));
    one.append('lesson.completed', payloads.lessonCompleted(c, 'kiem-chung-thong-tin'));
    two.append('attendance.checkin', payloads.checkin(a));
    two.append('lesson.completed', payloads.lessonCompleted(a, 'kiem-chung-thong-tin'));
    two.append('attendance.checkin', payloads.checkin(b));
    two.append('lesson.completed', payloads.lessonCompleted(b, 'mystery-lesson'));
    two.append('learner.erased', payloads.erased(a));
    for (const station of [one, two]) {
      const body = station.batch(1, station.events.length);
      expect((await upload(hub, station, body)).status).toBe(200);
      expect((await upload(hub, station, body)).body.duplicates).toBe(station.events.length);
    }
  });
  afterAll(async () => {
    await hub.app.close();
    await database.cleanup();
  });

  const progress = (wardCode: string, withCookie = true) =>
    hub.app.inject({ method: 'GET', url: `/v1/reports/progress?ward=${wardCode}`, headers: withCookie ? { cookie } : {} });

  it('needs a staff session', async () => {
    expect((await progress(ward, false)).json()).toEqual({ error: 'unauthorized' });
    expect((await progress(ward, false)).statusCode).toBe(401);
    const page = await hub.app.inject({ method: 'GET', url: '/reports' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login');
  });

  it('accepts HTTP Basic credentials for reading reports', async () => {
    const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`can.bo:${password}`).toString('base64')}` });
    const ok = await hub.app.inject({ method: 'GET', url: `/v1/reports/progress?ward=${ward}`, headers: basic('mật khẩu dài 123') });
    expect(ok.json()).toMatchObject({ ward, learners: 2 });
    const wrong = await hub.app.inject({ method: 'GET', url: `/v1/reports/progress?ward=${ward}`, headers: basic('nope nope nope') });
    expect(wrong.statusCode).toBe(401);
  });

  it('refuses a wrong password', async () => {
    const login = await hub.app.inject({ method: 'POST', url: '/login', headers: { 'content-type': 'application/json' }, payload: { name: 'can.bo', password: 'wrong password!' } });
    expect(login.statusCode).toBe(401);
    expect(login.headers['set-cookie']).toBeUndefined();
  });

  it('counts distinct learners once across two stations, erased ones included', async () => {
    const answer = await progress(ward);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({
      ward,
      learners: 2,
      by_age: { '6-14': 0, '15-17': 0, '18-59': 0, '60+': 1, unknown: 1 },
      lessons_completed: 3,
      by_competency: { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0, '6': 0, unmapped: 3 },
      target_population: null,
      reached_pct: null,
    });
  });

  it('puts a learner in the ward of their registration', async () => {
    expect((await progress(otherWard)).json()).toMatchObject({ ward: otherWard, learners: 1, by_age: { '15-17': 1 }, lessons_completed: 1 });
  });

  it('counts a completion once in each competency domain its lesson covers, via the lesson map', async () => {
    const map = { 'mat-khau-otp': ['4.1', '4.2', '2.6'], 'kiem-chung-thong-tin': ['1.2'] };
    expect((await runAdminCommand(hub.ctx, { command: 'lesson-map', map })).exit_code).toBe(0);
    expect((await progress(ward)).json()).toMatchObject({ lessons_completed: 3, by_competency: { '1': 1, '2': 1, '3': 0, '4': 1, '5': 0, '6': 0, unmapped: 1 } });
    expect((await progress(otherWard)).json()).toMatchObject({ by_competency: { '1': 1, unmapped: 0 } });
    expect((await runAdminCommand(hub.ctx, { command: 'lesson-map', map: { x: ['9.9'] } })).exit_code).toBe(2);
  });

  it('keeps both frameworks in the lesson map: QĐ 757 codes beside TT 02, kept when a later map has TT 02 only', async () => {
    const map = { 'mat-khau-otp': ['4.1', '4.2'], 'vneid-kich-hoat-muc-2': ['2.6'] };
    const set = await runAdminCommand(hub.ctx, { command: 'lesson-map', map, qd757: { 'mat-khau-otp': ['4.1', '4.2'], 'vneid-kich-hoat-muc-2': ['0.2', '2.6'] } });
    expect(set).toMatchObject({ exit_code: 0, stdout: ['mapped 2 lessons (2 with QĐ 757 codes)'] });
    expect((await runAdminCommand(hub.ctx, { command: 'lesson-map', map: { 'vneid-kich-hoat-muc-2': ['2.6', '2.3'] } })).exit_code).toBe(0);
    expect((await lessonMap(hub.ctx.db)).filter((row) => row.lessonId in map)).toEqual([
      { lessonId: 'mat-khau-otp', tt02: ['4.1', '4.2'], qd757: ['4.1', '4.2'] },
      { lessonId: 'vneid-kich-hoat-muc-2', tt02: ['2.6', '2.3'], qd757: ['0.2', '2.6'] },
    ]);
  });

  it('refuses QĐ 757 codes that are malformed or for a lesson the map does not have, and changes nothing', async () => {
    const before = await lessonMap(hub.ctx.db);
    expect((await runAdminCommand(hub.ctx, { command: 'lesson-map', map: { 'zalo-an-toan': ['2.1'] }, qd757: { 'zalo-an-toan': ['7.1'] } })).exit_code).toBe(2);
    expect((await runAdminCommand(hub.ctx, { command: 'lesson-map', map: { 'zalo-an-toan': ['2.1'] }, qd757: { 'zalo-an-toan': [] } })).exit_code).toBe(2);
    expect((await runAdminCommand(hub.ctx, { command: 'lesson-map', map: { 'zalo-an-toan': ['2.1'] }, qd757: { 'bai-khac': ['0.2'] } })).exit_code).toBe(2);
    expect(await lessonMap(hub.ctx.db)).toEqual(before);
  });

  it('counts a lesson once per learner who passed it, not once per quiz submission (issue #15 item 4)', async () => {
    const passWard = '27010';
    const key = (id: string) => learnerKeyFor(hub.ctx.keys.learnerKeyB64, id);
    const [d, e] = [key('001150000004'), key('001150000005')];
    const here = new StationFixture(`${passWard}-01`);
    const elsewhere = new StationFixture(`${otherWard}-09`);
    await enrol(hub, here);
    await enrol(hub, elsewhere);
    here.append('learner.registered', payloads.registered(d, 1960, 'nam', passWard));
    here.append('lesson.completed', payloads.lessonCompleted(d, 'dich-vu-cong', false));
    here.append('lesson.completed', payloads.lessonCompleted(d, 'dich-vu-cong', false));
    here.append('lesson.completed', payloads.lessonCompleted(d, 'dich-vu-cong', true));
    here.append('lesson.completed', payloads.lessonCompleted(d, 'mang-xa-hoi', true));
    here.append('lesson.completed', payloads.lessonCompleted(d, 'mang-xa-hoi', true));
    here.append('lesson.completed', payloads.lessonCompleted(d, 'an-toan-mang', false));
    // E passes twice at a station of another ward before registering here: still E's ward, once.
    elsewhere.append('lesson.completed', payloads.lessonCompleted(e, 'dich-vu-cong', true));
    elsewhere.append('lesson.completed', payloads.lessonCompleted(e, 'dich-vu-cong', true));
    here.append('learner.registered', payloads.registered(e, 1990, 'nu', passWard));
    expect((await upload(hub, elsewhere, elsewhere.batch(1, 2))).status).toBe(200);
    expect((await upload(hub, here, here.batch(1, here.events.length))).status).toBe(200);
    expect((await progress(passWard)).json()).toMatchObject({ ward: passWard, learners: 2, lessons_completed: 3, by_competency: { unmapped: 3 } });
    expect((await progress(otherWard)).json()).toMatchObject({ lessons_completed: 1 });
  });

  it('takes a target population from the staff form and reports reached_pct', async () => {
    const saved = await hub.app.inject({
      method: 'POST',
      url: '/reports/targets',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `ward=${ward}&population=200`,
    });
    expect(saved.statusCode).toBe(303);
    expect((await progress(ward)).json()).toMatchObject({ target_population: 200, reached_pct: 1 });
    const crossSite = await hub.app.inject({
      method: 'POST',
      url: '/reports/targets',
      headers: { cookie, origin: 'https://evil.example', host: 'hub.local', 'content-type': 'application/x-www-form-urlencoded' },
      payload: `ward=${ward}&population=1`,
    });
    expect(crossSite.statusCode).toBe(403);
  });

  it('refuses a report without a ward with 400', async () => {
    const answer = await hub.app.inject({ method: 'GET', url: '/v1/reports/progress', headers: { cookie } });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toEqual({ error: 'bad_request', detail: 'ward: required' });
  });

  it('renders the HTML page in Vietnamese first, with stations and the target form', async () => {
    const page = await hub.app.inject({ method: 'GET', url: `/reports?ward=${ward}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    const html = page.body;
    expect(html).toContain('<html lang="vi">');
    expect(html.indexOf('Người học')).toBeLessThan(html.indexOf('Learners'));
    expect(html).toContain(`${ward}-01`);
    expect(html).toContain(`${ward}-02`);
    expect(html).toContain('action="/reports/targets"');
    expect(html).not.toMatch(/<script/i);
  });

  it('exports CSV with one row per ward', async () => {
    const csv = await hub.app.inject({ method: 'GET', url: '/reports/export.csv', headers: { cookie } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const lines = csv.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^ward,learners,age_6-14,/);
    expect(lines.find((line) => line.startsWith(`${ward},`))).toMatch(new RegExp(`^${ward},2,0,0,0,1,1,0,1,1,3,`));
  });

  it('expires sessions and signs out', async () => {
    hub.clock.advance(SESSION_TTL_MS + 1000);
    expect((await progress(ward)).statusCode).toBe(401);
    hub.clock.advance(-(SESSION_TTL_MS + 1000));
    const out = await hub.app.inject({ method: 'POST', url: '/logout', headers: { cookie } });
    expect(out.statusCode).toBe(303);
    expect((await progress(ward)).statusCode).toBe(401);
  });
});
