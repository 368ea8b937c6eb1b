// Issue #18 item 1 from the officials' side: an administrator publishes a lesson folder from the
// lesson pack page (multipart/form-data, as the browser's folder picker sends it) through the same
// checks as `tram city publish-lessons`; a station's signed channel check then gets it. Everyone
// else, forged forms and bad packs are refused with nothing published.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lessonChannelAnswerSchema } from '../../../electron/core/sync/protocol/fleet/fleet-wire';
import { parseLessonManifestText } from '../../../electron/core/sync/protocol/fleet/lesson-manifest';
import { runAdminCommand } from '../../../city/admin/admin-commands';
import { MAX_PACK_UPLOAD_BYTES } from '../../../city/fleet/publish-upload';
import { listAudit } from '../../../city/store/audit-store';
import { fleetHooks } from '../../../tools/fleet-hooks';
import { StationFixture, uniqueStationId } from '../../support/station-fixture';
import { packFolder, repoLessonIds } from '../../station/fleet/support/fleet-harness';
import { manifestVerifies, sha256, signedGet } from '../fleet/fleet-support';
import { describeEachDriver, enrol, openTestDatabase, openTestHub, signInStaff } from '../support/hub-harness';
import type { StaffBrowser, TestDatabase, TestHub } from '../support/hub-harness';

const PASSWORD = 'mật khẩu của tỉnh 2026';
const BOUNDARY = '----TramPackUpload7MA4YWxkTrZu0gW';

type Part = { name: string; value: string } | { name: string; filename: string; bytes: Buffer };

/** A multipart/form-data body as a browser builds it. */
function multipart(parts: readonly Part[]): Buffer {
  const chunks: Buffer[] = [];
  for (const part of parts) {
    const disposition = 'filename' in part ? `form-data; name="${part.name}"; filename="${part.filename}"\r\nContent-Type: application/octet-stream` : `form-data; name="${part.name}"`;
    chunks.push(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\n\r\n`), 'filename' in part ? part.bytes : Buffer.from(part.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(chunks);
}

/** Every file of a folder as the folder picker names it: `lessons/<path>`. */
function folderFiles(dir: string, prefix = 'lessons'): Array<{ name: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => statSync(join(dir, path)).isFile())
    .map((path) => ({ name: `${prefix}/${path.split('\\').join('/')}`, bytes: readFileSync(join(dir, path)) }));
}

describeEachDriver('lesson pack page', (driver) => {
  let database: TestDatabase;
  let hub: TestHub;
  let admin: StaffBrowser;
  let officer: StaffBrowser;
  let pack: { dir: string; cleanup: () => void };
  const station = new StationFixture(uniqueStationId('06688'));

  beforeAll(async () => {
    database = await openTestDatabase(driver);
    hub = await openTestHub(database, { validatePack: fleetHooks.validatePack });
    expect((await runAdminCommand(hub.ctx, { command: 'add-staff', name: 'quan.tri', password: PASSWORD })).exit_code).toBe(0);
    expect((await runAdminCommand(hub.ctx, { command: 'add-staff', name: 'bai.chay', password: PASSWORD, role: 'ward_officer', wards: ['06673'] })).exit_code).toBe(0);
    admin = await signInStaff(hub, 'quan.tri', PASSWORD);
    officer = await signInStaff(hub, 'bai.chay', PASSWORD);
    expect((await enrol(hub, station)).status).toBe(201);
    // The whole curriculum (a part would leave `next` links dangling, which the loader reports).
    pack = packFolder();
  });
  afterAll(async () => {
    pack.cleanup();
    await hub.app.close();
    await database.cleanup();
  });

  const publish = (who: StaffBrowser, files: ReadonlyArray<{ name: string; bytes: Buffer }>, options: { csrf?: string | null; origin?: string; minAppVersion?: string } = {}) => {
    const parts: Part[] = [];
    if (options.csrf !== null) parts.push({ name: 'csrf', value: options.csrf ?? who.csrf });
    parts.push({ name: 'min_app_version', value: options.minAppVersion ?? '0.1.0' });
    for (const file of files) parts.push({ name: 'files', filename: file.name, bytes: file.bytes });
    const headers: Record<string, string> = { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
    if (options.origin !== undefined) headers.origin = options.origin;
    return hub.app.inject({ method: 'POST', url: '/admin/lesson-packs/publish', headers, payload: multipart(parts) });
  };
  const releases = async () => Number((await hub.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM lesson_releases'))[0]?.n);
  const blobs = async () => Number((await hub.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM fleet_blobs'))[0]?.n);
  const withFile = (name: string, bytes: Buffer | string) => [...folderFiles(pack.dir), { name, bytes: Buffer.from(bytes) }];
  /** The pack with its first picture (one a lesson shows) carrying a script. */
  const withScriptSvg = () => {
    const files = folderFiles(pack.dir);
    const picture = files.find((file) => file.name.endsWith('.svg'));
    if (picture === undefined) throw new Error('the pack has no SVG');
    return files.map((file) => (file === picture ? { name: file.name, bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>') } : file));
  };

  // A hub started without the stations' pack loader (not through `tram city serve`) must not publish
  // what it cannot check: it lists releases but answers 503 to a publish, storing nothing.
  it('publishes nothing on a hub that has no pack check (503)', async () => {
    const bare = await openTestHub(database);
    try {
      const who = await signInStaff(bare, 'quan.tri', PASSWORD);
      const parts: Part[] = [{ name: 'csrf', value: who.csrf }, { name: 'min_app_version', value: '0.1.0' }, ...folderFiles(pack.dir).map((file) => ({ name: 'files', filename: file.name, bytes: file.bytes }))];
      const before = await releases();
      const answer = await bare.app.inject({ method: 'POST', url: '/admin/lesson-packs/publish', headers: { cookie: who.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: multipart(parts) });
      expect(answer.statusCode).toBe(503);
      expect(answer.body).toContain('chưa phát hành gì');
      expect(await releases()).toBe(before);
    } finally {
      await bare.app.close();
    }
  });

  it('shows the page and its folder form to an administrator, and refuses a ward officer (403) and anyone signed out', async () => {
    const page = await hub.app.inject({ method: 'GET', url: '/admin/lesson-packs', headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toMatch(/<input type="file" name="files" webkitdirectory multiple required>/);
    expect(page.body).toContain('Gói bài học cho các trạm');
    expect(page.body).not.toContain('<script');
    expect((await hub.app.inject({ method: 'GET', url: '/admin/lesson-packs', headers: { cookie: officer.cookie } })).statusCode).toBe(403);
    const asOfficer = await publish(officer, folderFiles(pack.dir));
    expect(asOfficer.statusCode).toBe(403);
    expect(asOfficer.body).toContain('Không có quyền');
    const signedOut = await hub.app.inject({ method: 'POST', url: '/admin/lesson-packs/publish', headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: multipart([]) });
    expect([signedOut.statusCode, signedOut.headers.location]).toEqual([303, '/login']);
    expect(await releases()).toBe(0);
  });

  it('refuses a missing or wrong CSRF token and a foreign Origin, publishing nothing', async () => {
    for (const options of [{ csrf: null }, { csrf: 'x'.repeat(43) }, { origin: 'https://evil.example' }]) {
      const answer = await publish(admin, folderFiles(pack.dir), options);
      expect(answer.statusCode).toBe(403);
      expect(answer.body).toContain('Biểu mẫu không hợp lệ');
    }
    expect(await releases()).toBe(0);
    expect(await blobs()).toBe(0);
  });

  it('publishes a valid folder as the next version: signed for the stations, listed on the page, in the audit log', async () => {
    // What an official's PC leaves in a lessons folder is left out: a hidden file, Windows' thumbnail cache.
    const files = [...folderFiles(pack.dir), { name: 'lessons/.DS_Store', bytes: Buffer.from('litter') }, { name: 'lessons/mat-khau-otp/Thumbs.db', bytes: Buffer.from('cache') }];
    const answer = await publish(admin, files, { minAppVersion: '0.1.0' });
    expect(answer.statusCode).toBe(200);
    expect(answer.body).toContain('Đã phát hành phiên bản 1');
    expect(answer.body).toContain('left out a system file: .DS_Store');
    expect(answer.body).toContain('left out a system file: mat-khau-otp/Thumbs.db');
    expect(answer.body).toMatch(/<th scope="row">v1<\/th>/);

    const channel = lessonChannelAnswerSchema.parse((await signedGet(hub, station, `/v1/stations/${station.stationId}/lessons?app=0.1.0`)).body);
    expect(channel).toMatchObject({ version: 1, up_to_date: false });
    expect(manifestVerifies(channel.content_key, channel.manifest ?? '', channel.sig ?? '')).toBe(true);
    const manifest = parseLessonManifestText(channel.manifest ?? '');
    const expected = folderFiles(pack.dir).map((file) => ({ path: file.name.slice('lessons/'.length), sha256: sha256(file.bytes), size: file.bytes.length }));
    expect(manifest.files).toEqual(expected.sort((a, b) => (a.path < b.path ? -1 : 1)));
    expect(manifest.min_app_version).toBe('0.1.0');
    // A station too old for it is offered nothing.
    expect((await signedGet(hub, station, `/v1/stations/${station.stationId}/lessons?app=0.0.9`)).body).toMatchObject({ version: null });

    const audit = (await listAudit(hub.ctx.db, { limit: 5, before: null })).find((entry) => entry.action === 'lessons.publish');
    expect(audit).toMatchObject({ actor: 'quan.tri', target: 'v1', via: 'web', detail: expect.stringContaining(`${expected.length} files`) });
  });

  it('publishing the same folder again publishes nothing new (a form sent twice)', async () => {
    const again = await publish(admin, folderFiles(pack.dir), { minAppVersion: '0.1.0' });
    expect(again.statusCode).toBe(200);
    expect(again.body).toContain('Phiên bản 1 đã có đúng gói này');
    expect(await releases()).toBe(1);
    const raised = await publish(admin, folderFiles(pack.dir), { minAppVersion: '0.2.0' });
    expect(raised.body).toContain('Đã phát hành phiên bản 2');
    expect(await releases()).toBe(2);
  });

  it.each([
    ['a traversal name', () => withFile('lessons/../evil.txt', 'x'), 'Tên tệp không hợp lệ', 'path traversal'],
    ['a Windows-reserved name', () => withFile('lessons/con.txt', 'x'), 'Tên tệp không hợp lệ', 'reserved on Windows'],
    ['a chosen folder named ..', () => [{ name: '../lesson.json', bytes: Buffer.from('{}') }, { name: '../tracks.json', bytes: Buffer.from('{}') }], 'Tên tệp không hợp lệ', 'path traversal'],
    ['an SVG with a script', () => withScriptSvg(), 'không qua được kiểm tra của trạm', 'contains a &#60;script&#62; element'],
    ['a lesson without lesson.json', () => folderFiles(pack.dir).filter((file) => file.name !== `lessons/${repoLessonIds()[0]}/lesson.json`), 'không qua được kiểm tra của trạm', 'lesson.json'],
    ['a file over the 32 MiB per-file limit', () => withFile('lessons/big.bin', Buffer.alloc(33 * 1024 * 1024)), 'vượt giới hạn', 'more than the limit'],
    ['an app version that is not one', () => folderFiles(pack.dir), 'Gói bài học không hợp lệ', 'min_app_version'],
    ['no files at all', () => [], 'Chưa chọn thư mục bài học', ''],
  ] as const)('refuses %s with the reason, Vietnamese first, publishing and storing nothing', async (what, files, vietnamese, english) => {
    const [before, storedBefore] = [await releases(), await blobs()];
    const answer = await publish(admin, files(), what === 'an app version that is not one' ? { minAppVersion: 'mới nhất' } : {});
    expect(answer.statusCode).toBe(400);
    expect(answer.body).toContain('role="alert"');
    expect(answer.body).toContain(vietnamese);
    expect(answer.body).toContain('nothing was published');
    expect(answer.body.indexOf(vietnamese)).toBeLessThan(answer.body.indexOf('nothing was published'));
    expect(answer.body).toContain(english);
    expect([await releases(), await blobs()]).toEqual([before, storedBefore]);
  });

  it(`refuses a body over the ${MAX_PACK_UPLOAD_BYTES / 1024 ** 2} MiB cap (413) and a body that is not a form (400)`, async () => {
    const before = await releases();
    const huge = await hub.app.inject({
      method: 'POST',
      url: '/admin/lesson-packs/publish',
      headers: { cookie: admin.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: Buffer.alloc(MAX_PACK_UPLOAD_BYTES + 1),
    });
    expect(huge.statusCode).toBe(413);
    expect(huge.body).toContain('lớn hơn 64 MB');
    expect(huge.body).toContain('tram city publish-lessons');
    const broken = await hub.app.inject({ method: 'POST', url: '/admin/lesson-packs/publish', headers: { cookie: admin.cookie, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` }, payload: `--${BOUNDARY}\r\nno headers` });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).toContain('không đọc được');
    const urlencoded = await hub.app.inject({ method: 'POST', url: '/admin/lesson-packs/publish', headers: { cookie: admin.cookie, 'content-type': 'application/x-www-form-urlencoded' }, payload: `csrf=${admin.csrf}` });
    expect(urlencoded.statusCode).toBe(400);
    expect(urlencoded.body).toContain('multipart/form-data');
    expect(await releases()).toBe(before);
  });
});
