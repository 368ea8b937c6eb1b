// Issue #17 (and #20 item 5 and two low items): the province, roles per ward enforced on every route,
// the administration pages and their CSRF, the audit log, sign-in lockout per name and per address,
// sessions that end with a new password, registrations outside the province, the dashboard table, the
// monthly report and the lesson facts. One hub for the file, serving Quảng Ninh (22). The password
// queue and trusted proxies are in http/staff-sign-in.test.ts.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runAdminCommand } from '../../city/admin/admin-commands';
import { issueEnrolmentCode } from '../../city/ingest/enrolment';
import { listAudit } from '../../city/store/audit-store';
import { findStaff } from '../../city/store/staff-store';
import { findStation, reportFork } from '../../city/store/station-store';
import { ADDRESS_LIMIT, NAME_LIMIT } from '../../city/staff/sign-in-throttle';
import { ProvinceError, settleProvince } from '../../city/units/hub-units';
import { StationFixture, learnerKeyFor, payloads, uniqueStationId } from '../support/station-fixture';
import { describeEachDriver, enrol, openTestDatabase, openTestHub, postForm, postJson, signInStaff, upload } from './support/hub-harness';
import type { StaffBrowser, TestDatabase, TestHub } from './support/hub-harness';

const PASSWORD = 'mật khẩu của tỉnh 2026';

describeEachDriver('officials: province, roles, audit, sign-in', (driver) => {
  let database: TestDatabase;
  let hub: TestHub;
  let admin: StaffBrowser;
  let officer: StaffBrowser;
  const haLong = new StationFixture(uniqueStationId('06688'));

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    hub = await openTestHub(database, {}, { province: '22' });
    expect((await runAdminCommand(hub.ctx, { command: 'add-staff', name: 'quan.tri', password: PASSWORD })).exit_code).toBe(0);
    expect((await runAdminCommand(hub.ctx, { command: 'add-staff', name: 'bai.chay', password: PASSWORD, role: 'ward_officer', wards: ['06673'] })).exit_code).toBe(0);
    admin = await signInStaff(hub, 'quan.tri', PASSWORD);
    officer = await signInStaff(hub, 'bai.chay', PASSWORD);
    expect((await enrol(hub, haLong)).status).toBe(201);
    const key = learnerKeyFor(hub.ctx.keys.learnerKeyB64, '022058001234');
    haLong.append('learner.registered', payloads.registered(key, 1958, 'nam', '06688'));
    haLong.append('lesson.completed', payloads.lessonCompleted(key, 'mat-khau-otp'));
    expect((await upload(hub, haLong, haLong.batch(1, 2))).status).toBe(200);
  });
  afterAll(async () => {
    await hub.app.close();
    await database.cleanup();
  });

  const get = (who: StaffBrowser | null, url: string) => hub.app.inject({ method: 'GET', url, headers: who === null ? {} : { cookie: who.cookie } });

  it('refuses a station of another province at enrolment and at issue, leaving the code unused', async () => {
    const saigon = new StationFixture('27004-01');
    const { code } = await issueEnrolmentCode(hub.ctx, saigon.stationId);
    const answer = await postJson(hub, '/v1/enrol', saigon.enrolBody(code));
    expect(answer).toMatchObject({ status: 403, body: { error: 'ward_not_in_province', detail: expect.stringContaining('Phường Tân Bình (27004) thuộc Thành phố Hồ Chí Minh') } });
    const unknown = await postJson(hub, '/v1/enrol', new StationFixture('06690-01').enrolBody(code));
    expect(unknown).toMatchObject({ status: 403, body: { error: 'ward_not_in_province', detail: expect.stringContaining('không có trong danh mục') } });
    expect(await hub.ctx.db.query('SELECT used_at FROM enrolment_codes WHERE station_id = $1', ['27004-01'])).toEqual([{ used_at: null }]);
    const issued = await runAdminCommand(hub.ctx, { command: 'issue-code', station_id: '27004-02' });
    expect(issued).toMatchObject({ exit_code: 2, stderr: [expect.stringContaining('Thành phố Hồ Chí Minh')] });
    const page = await postForm(hub, admin, '/admin/stations/issue', { ward: '27004', number: '03' });
    expect(page.statusCode).toBe(400);
    expect(page.body).toContain('không thuộc Tỉnh Quảng Ninh');
  });

  it('keeps one province per hub database', async () => {
    await expect(settleProvince(hub.ctx.db, '01')).rejects.toThrow(ProvinceError);
    await expect(settleProvince(hub.ctx.db, '99')).rejects.toThrow(/not in the units list/);
    expect(await settleProvince(hub.ctx.db, '22')).toBe('22');
  });

  it('shows the ward by name on the dashboard, with the province listing every ward', async () => {
    const page = await get(admin, '/dashboard');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Tỉnh Quảng Ninh');
    expect(page.body).toContain('Phường Hạ Long (06688)');
    expect(page.body.match(/<tr[ >]/g)?.length ?? 0).toBeGreaterThan(54);
    expect(page.body).toContain('Chưa có trạm');
    expect(page.body).toMatch(/role="img" aria-labelledby="trend-t trend-d"/);
  });

  it('lets a ward officer see only their ward: 403 for another ward on every page, JSON and file', async () => {
    for (const url of ['/v1/reports/progress?ward=06688', '/dashboard?ward=06688', '/reports/export.csv?ward=06688', '/reports/monthly?ward=06688', '/reports/monthly.xlsx?ward=06688', '/admin/stations', '/admin/staff', '/admin/targets', '/admin/audit']) {
      expect((await get(officer, url)).statusCode, url).toBe(403);
    }
    const basic = { authorization: `Basic ${Buffer.from(`bai.chay:${PASSWORD}`).toString('base64')}` };
    expect((await hub.app.inject({ method: 'GET', url: '/v1/reports/progress?ward=06688', headers: basic })).statusCode).toBe(403);
    expect((await postForm(hub, officer, '/admin/targets', { ward: '06673', population: '5000' })).statusCode).toBe(403);
    const own = await get(officer, '/v1/reports/progress?ward=06673');
    expect(own.json()).toMatchObject({ ward: '06673', learners: 0 });
    const dashboard = await get(officer, '/dashboard');
    expect(dashboard.body).toContain('Phường Bãi Cháy (06673)');
    expect(dashboard.body).not.toContain('Phường Hạ Long (06688)');
    expect(dashboard.body).not.toContain('href="/admin/stations"');
    const csv = (await get(officer, '/reports/export.csv')).body;
    expect(csv).not.toContain('06688');
    expect((await get(admin, '/v1/reports/progress?ward=06688')).json()).toMatchObject({ learners: 1 });
  });

  it('records every administrative action with who, what, when and from where', async () => {
    const result = await postForm(hub, admin, '/admin/staff/add', { name: 'ha.long', role: 'ward_officer', wards: ['06688'], password: 'mật khẩu phường 1' });
    expect(result.statusCode).toBe(200);
    await postForm(hub, admin, '/admin/targets', { ward: '06688', population: '40.000' });
    const entries = await listAudit(hub.ctx.db, { limit: 20, before: null });
    expect(entries.find((e) => e.action === 'staff.add' && e.target === 'ha.long')).toMatchObject({ actor: 'quan.tri', via: 'web', address: '127.0.0.1', detail: 'ward_officer 06688' });
    expect(entries.find((e) => e.action === 'target.set')).toMatchObject({ target: '06688', detail: '40000' });
    // The target's history keeps every value with who set it; a refused one adds nothing.
    await postForm(hub, admin, '/admin/targets', { ward: '06688', population: '41.500' });
    expect((await postForm(hub, admin, '/admin/targets', { ward: '06688', population: '-3' })).statusCode).toBe(400);
    const targets = (await get(admin, '/admin/targets')).body;
    const history = targets.slice(targets.indexOf('Lịch sử thay đổi'));
    expect(history.match(/<th scope="row">Phường Hạ Long \(06688\)<\/th><td class="num">[^<]+<\/td><td>quan\.tri<\/td>/g)).toHaveLength(2);
    expect(history).toContain('41.500');
    expect(history).toContain('40.000');
    expect(entries.find((e) => e.action === 'staff.add' && e.target === 'bai.chay')).toMatchObject({ actor: 'tram city', via: 'cli' });
    const page = await get(admin, '/admin/audit');
    expect(page.body).toContain('Thêm cán bộ');
    expect(page.body).toContain('ha.long');
    // A ward officer cannot be given a ward of another province; nothing is saved.
    const refused = await postForm(hub, admin, '/admin/staff/add', { name: 'ngoai.tinh', role: 'ward_officer', wards: ['27004'], password: 'mật khẩu phường 1' });
    expect(refused.statusCode).toBe(400);
    expect((await get(admin, '/admin/staff')).body).not.toContain('ngoai.tinh');
  });

  it('runs stations from the page: list with ward name and receipt code, fork reviewed, revoke only when ticked; all audited', async () => {
    const spare = new StationFixture(uniqueStationId('06688'));
    expect((await enrol(hub, spare)).status).toBe(201);
    spare.appendMany(2);
    expect((await upload(hub, spare, spare.batch(1, 2))).status).toBe(200);
    const list = (await get(admin, '/admin/stations')).body;
    expect(list).toContain(spare.stationId);
    expect(list).toContain('Phường Hạ Long (06688)');
    expect(list).toMatch(/<span class="code"[^>]*>[0-9a-f]{8}<\/span>/);
    // Fork reviewed: refused when nothing is marked; clears the mark once a fork was reported.
    expect((await postForm(hub, admin, '/admin/stations/reviewed', { station_id: spare.stationId })).statusCode).toBe(409);
    await reportFork(hub.ctx.db, { stationId: spare.stationId, epoch: 1, seq: 2, reason: 'hash_mismatch', sentHash: null, storedHash: null, source: 'upload', now: hub.ctx.now() });
    expect((await postForm(hub, admin, '/admin/stations/reviewed', { station_id: spare.stationId })).statusCode).toBe(200);
    expect((await findStation(hub.ctx.db, spare.stationId, false))?.needs_review).toBe(false);
    // Revoke: not without the tick (nothing changes), then for good; the station is refused after.
    expect((await postForm(hub, admin, '/admin/stations/revoke', { station_id: spare.stationId })).statusCode).toBe(400);
    expect((await findStation(hub.ctx.db, spare.stationId, false))?.status).not.toBe('revoked');
    expect((await postForm(hub, admin, '/admin/stations/revoke', { station_id: spare.stationId, confirm: 'yes' })).statusCode).toBe(200);
    expect((await findStation(hub.ctx.db, spare.stationId, false))?.status).toBe('revoked');
    spare.appendMany(1);
    expect((await upload(hub, spare, spare.batch(3, 3))).status).toBeGreaterThanOrEqual(400);
    const actions = (await listAudit(hub.ctx.db, { limit: 50, before: null })).filter((e) => e.target === spare.stationId).map((e) => e.action);
    expect(actions.sort()).toEqual(['station.reviewed', 'station.revoke']);
  });

  it('assigns wards to a ward officer from the staff page; a ward of another province saves nothing', async () => {
    expect((await postForm(hub, admin, '/admin/staff/bai.chay/access', { role: 'ward_officer', wards: ['06673', '27004'] })).statusCode).toBe(400);
    expect((await findStaff(hub.ctx.db, 'bai.chay'))?.wards).toEqual(['06673']);
    expect((await get(officer, '/dashboard?ward=06688')).statusCode).toBe(403);
    expect((await postForm(hub, admin, '/admin/staff/bai.chay/access', { role: 'ward_officer', wards: ['06673', '06688'] })).statusCode).toBe(200);
    expect((await get(officer, '/dashboard?ward=06688')).statusCode).toBe(200);
    expect((await findStaff(hub.ctx.db, 'bai.chay'))?.wards).toEqual(['06673', '06688']);
    expect((await postForm(hub, admin, '/admin/staff/bai.chay/access', { role: 'ward_officer', wards: ['06673'] })).statusCode).toBe(200);
    expect((await get(officer, '/dashboard?ward=06688')).statusCode).toBe(403);
  });

  it('refuses every administration form without the session\'s CSRF token, changing nothing', async () => {
    const auditBefore = (await listAudit(hub.ctx.db, { limit: 500, before: null })).length;
    const forged = { ...admin, csrf: 'x'.repeat(43) };
    const forms: Array<[string, Record<string, string | string[]>]> = [
      ['/admin/stations/issue', { ward: '06688', number: '77' }],
      ['/admin/stations/revoke', { station_id: haLong.stationId, confirm: 'yes' }],
      ['/admin/stations/reviewed', { station_id: haLong.stationId }],
      ['/admin/staff/add', { name: 'gia.mao', role: 'admin', password: 'mật khẩu giả mạo 1' }],
      ['/admin/staff/bai.chay/access', { role: 'admin' }],
      ['/admin/staff/bai.chay/password', { password: 'mật khẩu giả mạo 2' }],
      ['/admin/staff/bai.chay/sign-out', {}],
      ['/admin/staff/bai.chay/disable', {}],
      ['/admin/targets', { ward: '06688', population: '7' }],
      ['/reports/targets', { ward: '06688', population: '7' }],
      ['/logout', {}],
    ];
    for (const [url, fields] of forms) expect((await postForm(hub, forged, url, fields)).statusCode, url).toBe(403);
    expect((await listAudit(hub.ctx.db, { limit: 500, before: null })).length).toBe(auditBefore);
    expect((await findStaff(hub.ctx.db, 'bai.chay'))).toMatchObject({ role: 'ward_officer', disabledAt: null });
    expect((await get(officer, '/v1/reports/progress?ward=06673')).statusCode).toBe(200);
    expect((await get(admin, '/dashboard')).statusCode).toBe(200);
  });

  it('ends every session when a password changes, and signs out everywhere', async () => {
    const first = await signInStaff(hub, 'ha.long', 'mật khẩu phường 1');
    const second = await signInStaff(hub, 'ha.long', 'mật khẩu phường 1');
    expect((await get(first, '/dashboard')).statusCode).toBe(200);
    expect((await postForm(hub, admin, '/admin/staff/ha.long/password', { password: 'mật khẩu phường 2' })).statusCode).toBe(200);
    expect((await get(first, '/v1/reports/progress?ward=06688')).statusCode).toBe(401);
    expect((await get(second, '/v1/reports/progress?ward=06688')).statusCode).toBe(401);
    const third = await signInStaff(hub, 'ha.long', 'mật khẩu phường 2');
    expect((await postForm(hub, admin, '/admin/staff/ha.long/sign-out', {})).body).toContain('(1 phiên)');
    expect((await get(third, '/v1/reports/progress?ward=06688')).statusCode).toBe(401);
    expect((await postForm(hub, admin, '/admin/staff/ha.long/disable', {})).statusCode).toBe(200);
    await expect(signInStaff(hub, 'ha.long', 'mật khẩu phường 2')).rejects.toThrow(/401/);
  });

  it('locks a name after repeated failures (form and HTTP Basic answer 429), even for the right password', async () => {
    expect((await runAdminCommand(hub.ctx, { command: 'add-staff', name: 'bi.khoa', password: PASSWORD })).exit_code).toBe(0);
    for (let i = 0; i < NAME_LIMIT; i++) await expect(signInStaff(hub, 'bi.khoa', `sai ${i} sai sai sai`)).rejects.toThrow(/401/);
    await expect(signInStaff(hub, 'bi.khoa', PASSWORD)).rejects.toThrow(/429/);
    const basic = { authorization: `Basic ${Buffer.from(`bi.khoa:${PASSWORD}`).toString('base64')}` };
    const answer = await hub.app.inject({ method: 'GET', url: '/v1/reports/progress?ward=06688', headers: basic });
    expect(answer.statusCode).toBe(429);
    expect(Number(answer.headers['retry-after'])).toBeGreaterThan(60);
    // Another name from another address is not locked; the lock ends with its time.
    expect((await signInStaff(hub, 'quan.tri', PASSWORD)).cookie).toMatch(/^tram_session=/);
    hub.clock.advance(16 * 60 * 1000);
    expect((await signInStaff(hub, 'bi.khoa', PASSWORD)).cookie).toMatch(/^tram_session=/);
  });

  it('locks an address after repeated failures across names (HTTP Basic), not the other addresses', async () => {
    const basic = (name: string, password: string) => ({ authorization: `Basic ${Buffer.from(`${name}:${password}`).toString('base64')}` });
    const from = (remoteAddress: string, name: string, password: string) => hub.app.inject({ method: 'GET', url: '/v1/reports/progress?ward=06688', remoteAddress, headers: basic(name, password) });
    for (let i = 0; i < ADDRESS_LIMIT; i++) expect((await from('198.51.100.7', `doan.ten.${i}`, 'sai sai sai sai')).statusCode, `try ${i}`).toBe(401);
    expect((await from('198.51.100.7', 'quan.tri', PASSWORD)).statusCode).toBe(429);
    expect((await from('198.51.100.8', 'quan.tri', PASSWORD)).statusCode).toBe(200);
    hub.clock.advance(16 * 60 * 1000);
    expect((await from('198.51.100.7', 'quan.tri', PASSWORD)).statusCode).toBe(200);
  });

  it('flags a registration into a ward outside the province and counts it in the station ward; records ward moves', async () => {
    const key = learnerKeyFor(hub.ctx.keys.learnerKeyB64, '022058009999');
    const baiChay = new StationFixture(uniqueStationId('06673'));
    await enrol(hub, baiChay);
    // First seen checking in at Bãi Cháy (no registration yet): counted in 06673.
    baiChay.append('attendance.checkin', payloads.checkin(key));
    expect((await upload(hub, baiChay, baiChay.batch(1, 1))).status).toBe(200);
    expect((await get(admin, '/v1/reports/progress?ward=06673')).json()).toMatchObject({ learners: 1 });
    // Then registered at Hạ Long with a ward of another province: stored, flagged, counted in 06688.
    haLong.append('learner.registered', payloads.registered(key, 1980, 'nu', '27004'));
    expect((await upload(hub, haLong, haLong.batch(3, 3))).status).toBe(200);
    const [row] = await hub.ctx.db.query<{ flags: string[] }>('SELECT flags FROM events WHERE station_id = $1 AND seq = 3', [haLong.stationId]);
    expect(row?.flags).toContain('ward_outside_province');
    expect((await get(admin, '/v1/reports/progress?ward=06688')).json()).toMatchObject({ learners: 2 });
    expect((await get(admin, '/v1/reports/progress?ward=06673')).json()).toMatchObject({ learners: 0 });
    expect((await get(admin, '/v1/reports/progress?ward=27004')).json()).toMatchObject({ learners: 0 });
    expect(await hub.ctx.db.query('SELECT from_ward, to_ward FROM learner_ward_moves WHERE station_id = $1', [haLong.stationId])).toEqual([{ from_ward: '06673', to_ward: '06688' }]);
    expect((await get(admin, '/dashboard')).body).toContain('Người học chuyển phường/xã');
  });

  it('writes the monthly report as XLSX sheets and a printable page with the same totals as the dashboard', async () => {
    const dashboard = (await get(admin, '/dashboard')).body;
    const learners = /data-total="learners">([^<]+)</.exec(dashboard)?.[1];
    const xlsx = await get(admin, '/reports/monthly.xlsx');
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((sheet) => sheet.name)).toEqual(['Tổng hợp', 'Miền năng lực', 'Độ tuổi - Giới tính', 'Thông tin']);
    const summary = book.getWorksheet('Tổng hợp');
    const totalRow = summary?.getSheetValues().find((values) => Array.isArray(values) && values[1] === 'Tổng cộng') as unknown[] | undefined;
    expect(String(totalRow?.[3])).toBe(learners);
    const printable = await get(admin, '/reports/monthly');
    expect(printable.body).toContain('NGƯỜI LẬP BIỂU');
    expect(printable.body).toContain('THỦ TRƯỞNG ĐƠN VỊ');
    expect(printable.body).toMatch(/Quảng Ninh, ngày \d+ tháng \d+ năm \d{4}/);
    expect(printable.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get(admin, '/reports/monthly?month=2026-13')).statusCode).toBe(400);
  });

  it('loads lesson facts and a second framework, and lists the facts to review on the lesson page', async () => {
    const facts = {
      facts: [
        { lesson: 'mat-khau-otp', lesson_version: 2, fact: 'cu', kind: 'rule', text: 'sáu chữ số', status: 'confirmed', checked_on: '2020-01-02', source: 'https://example.gov.vn/a', note: null, used_in: ['s1'] },
        { lesson: 'mat-khau-otp', lesson_version: 2, fact: 'moi', kind: 'phone', text: '113', status: 'to_verify', checked_on: null, source: null, note: 'gọi thử', used_in: ['s2'] },
      ],
    };
    expect((await runAdminCommand(hub.ctx, { command: 'lesson-facts', facts })).exit_code).toBe(0);
    expect((await runAdminCommand(hub.ctx, { command: 'lesson-facts', facts: { facts: [{ lesson: 'x' }] } })).exit_code).toBe(2);
    expect((await runAdminCommand(hub.ctx, { command: 'lesson-map', map: { 'mat-khau-otp': { tt02: ['4.1', '4.2'], qd757: ['0.2'] } } })).exit_code).toBe(0);
    expect((await runAdminCommand(hub.ctx, { command: 'lesson-map', map: { 'mat-khau-otp': { tt02: ['4.1'], qd757: ['x'] } } })).exit_code).toBe(2);
    const page = (await get(officer, '/lessons')).body;
    expect(page).toContain('0.2');
    expect(page).toContain('Kiểm tra đã quá 12 tháng');
    expect(page).toContain('Cần xác minh');
  });

  it('refuses a units file with a duplicate code whole, and keeps the list', async () => {
    const bad = Buffer.from('commune_code,commune_name,commune_type,province_code,province_name\n06688,Phường Hạ Long,phuong,22,Tỉnh Quảng Ninh\n06688,Phường Khác,phuong,22,Tỉnh Quảng Ninh\n');
    const result = await runAdminCommand(hub.ctx, { command: 'units', csv_b64: bad.toString('base64'), source: 'moi.csv' });
    expect(result).toMatchObject({ exit_code: 2, stderr: [expect.stringContaining('moi.csv, dòng 3 · line 3: duplicate commune_code 06688')] });
    expect((await hub.ctx.wards()).size).toBe(3321);
  });
  it('sorts the ward table by each column, says which in aria-sort, and marks a station silent for 7 days (last: moves the clock)', async () => {
    const firstRow = (body: string) => /<tbody><tr[^>]*><th scope="row"><a [^>]*>([^<]+)<\/a>/.exec(body)?.[1];
    const byLearners = (await get(admin, '/dashboard?sort=learners&dir=desc')).body;
    expect(firstRow(byLearners)).toBe('Phường Hạ Long (06688)');
    expect(byLearners).toMatch(/<th scope="col" class="num" aria-sort="descending"><a href="\/dashboard\?sort=learners&amp;dir=asc">/);
    const byName = (await get(admin, '/dashboard?sort=ward&dir=asc')).body;
    expect(firstRow(byName)).toBe('Đặc khu Cô Tô (07192)');
    expect(byName.match(/aria-sort=/g)).toHaveLength(1);
    expect((await get(admin, '/dashboard?sort=ward&dir=desc')).body).not.toMatch(/<tbody><tr[^>]*><th scope="row"><a [^>]*>Đặc khu Cô Tô/);
    const haLongRow = (body: string) => new RegExp(`<tr([^>]*)><th scope="row"><a [^>]*>Phường Hạ Long \\(06688\\)</a></th>.*?</tr>`, 's').exec(body);
    expect(haLongRow((await get(admin, '/dashboard')).body)?.[0]).not.toContain('im lặng');
    hub.clock.advance(8 * 24 * 3_600_000);
    const fresh = await signInStaff(hub, 'quan.tri', PASSWORD);
    const silent = haLongRow((await get(fresh, '/dashboard')).body);
    expect(silent?.[1]).toContain('attention');
    expect(silent?.[0]).toContain('trạm im lặng quá 7 ngày');
  });
});
