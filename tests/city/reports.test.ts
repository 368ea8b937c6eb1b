// docs/PROTOCOL.md §8 and the staff pages: sign-in, distinct counting across stations, age bands,
// competency domains, targets, HTML and CSV.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runAdminCommand } from '../../city/admin/admin-commands';
import { reportYear } from '../../city/reports/progress';
import { SESSION_TTL_MS } from '../../city/http/staff-session';
import { StationFixture, learnerKeyFor, payloads } from '../support/station-fixture';
import { describeEachDriver, enrol, openTestDatabase, openTestHub, postForm, signInStaff, upload } from './support/hub-harness';
import type { StaffBrowser, TestDatabase, TestHub } from './support/hub-harness';

describeEachDriver('reports', (driver) => {
  let database: TestDatabase;
  let hub: TestHub;
  let cookie: string;
  let staff: StaffBrowser;
  const ward = '06673';
  const otherWard = '27004';

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    hub = await openTestHub(database);
    expect((await runAdminCommand(hub.ctx, { command: 'add-staff', name: 'can.bo', password: 'mật khẩu dài 123' })).exit_code).toBe(0);
    staff = await signInStaff(hub, 'can.bo', 'mật khẩu dài 123');
    cookie = staff.cookie;
    expect(cookie).toMatch(/^tram_session=/);

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
    const page = await hub.app.inject({ method: 'GET', url: '/dashboard' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login');
    expect((await hub.app.inject({ method: 'GET', url: '/reports?ward=06673' })).headers.location).toBe('/dashboard?ward=06673');
  });

  it('accepts HTTP Basic credentials for reading reports', async () => {
    const basic = (password: string) => ({ authorization: `Basic ${Buffer.from(`can.bo:${password}`).toString('base64')}` });
    const ok = await hub.app.inject({ method: 'GET', url: `/v1/reports/progress?ward=${ward}`, headers: basic('mật khẩu dài 123') });
    expect(ok.json()).toMatchObject({ ward, learners: 2 });
    const wrong = await hub.app.inject({ method: 'GET', url: `/v1/reports/progress?ward=${ward}`, headers: basic('nope nope nope') });
    expect(wrong.statusCode).toBe(401);
  });

  it('refuses a wrong password', async () => {
    const form = await hub.app.inject({ method: 'GET', url: '/login' });
    const loginCookie = String(form.headers['set-cookie']).split(';')[0] ?? '';
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)?.[1] ?? '';
    const post = (fields: Record<string, string>) =>
      hub.app.inject({ method: 'POST', url: '/login', headers: { cookie: loginCookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: new URLSearchParams(fields).toString() });
    const login = await post({ name: 'can.bo', password: 'wrong password!', csrf });
    expect(login.statusCode).toBe(401);
    expect(String(login.headers['set-cookie'] ?? '')).not.toContain('tram_session=');
    // Without the form's token (a cross-site login), nothing is checked at all.
    expect((await post({ name: 'can.bo', password: 'mật khẩu dài 123' })).statusCode).toBe(403);
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

  it('counts a lesson once per learner who passed it, not once per quiz submission (issue #15 item 4)', async () => {
    const passWard = '07054';
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

  it('takes a target population from the staff form and reports reached_pct; refuses a bad one in Vietnamese, saving nothing', async () => {
    const saved = await postForm(hub, staff, '/admin/targets', { ward, population: '200' });
    expect(saved.statusCode).toBe(200);
    expect(saved.body).toContain('Đã lưu dân số mục tiêu của Phường Bãi Cháy (06673)');
    expect((await progress(ward)).json()).toMatchObject({ target_population: 200, reached_pct: 1 });
    for (const population of ['0', '-5', '12,5', 'nhiều', '']) {
      const refused = await postForm(hub, staff, '/admin/targets', { ward, population });
      expect(refused.statusCode, population).toBe(400);
      expect(refused.body).toContain('Dân số mục tiêu phải');
    }
    expect((await progress(ward)).json()).toMatchObject({ target_population: 200 });
    const crossSite = await postForm(hub, staff, '/reports/targets', { ward, population: '1' }, { origin: 'https://evil.example', host: 'hub.local' });
    expect(crossSite.statusCode).toBe(403);
    const noToken = await postForm(hub, { ...staff, csrf: 'x'.repeat(43) }, '/admin/targets', { ward, population: '1' });
    expect(noToken.statusCode).toBe(403);
    expect((await progress(ward)).json()).toMatchObject({ target_population: 200 });
  });

  it('refuses a report without a ward with 400', async () => {
    const answer = await hub.app.inject({ method: 'GET', url: '/v1/reports/progress', headers: { cookie } });
    expect(answer.statusCode).toBe(400);
    expect(answer.json()).toEqual({ error: 'bad_request', detail: 'ward: required' });
  });

  it('renders the dashboard in Vietnamese first with ward names, and the stations and target pages', async () => {
    const page = await hub.app.inject({ method: 'GET', url: `/dashboard?ward=${ward}`, headers: { cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    const html = page.body;
    expect(html).toContain('<html lang="vi">');
    expect(html.indexOf('Người học')).toBeLessThan(html.indexOf('Learners'));
    expect(html).toContain('Phường Bãi Cháy (06673)');
    expect(html).not.toMatch(/<script/i);
    const stations = (await hub.app.inject({ method: 'GET', url: '/admin/stations', headers: { cookie } })).body;
    expect(stations).toContain(`${ward}-01`);
    expect(stations).toContain(`${ward}-02`);
    expect((await hub.app.inject({ method: 'GET', url: '/admin/targets', headers: { cookie } })).body).toContain('action="/admin/targets"');
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
    const out = await postForm(hub, staff, '/logout', {});
    expect(out.statusCode).toBe(303);
    expect((await progress(ward)).statusCode).toBe(401);
  });
});
