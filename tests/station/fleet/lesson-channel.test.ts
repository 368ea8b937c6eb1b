// Issue #18 items 1 and 6 on the station against a real hub over HTTP: the first pack, a one-lesson
// correction that moves only what changed, a download cut mid-file that resumes, and every refusal
// (tampered file, wrong key, replayed older version, traversal, missing file, script in an SVG, size
// limit, app too old, hub down) leaving the running pack as it was.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isFleetError } from '../../../electron/core/sync/protocol/fleet/fleet-error';
import type { FleetErrorCode } from '../../../electron/core/sync/protocol/fleet/fleet-error';
import { loadOrCreateKeys } from '../../../electron/station/keys/key-store';
import { createHubSource } from '../../../electron/station/fleet/hub-source';
import { checkLessonChannel } from '../../../electron/station/fleet/lesson-channel';
import type { LessonCheckOptions } from '../../../electron/station/fleet/lesson-channel';
import { loadPack } from '../../../electron/station/fleet/fleet-boot';
import { openPackStore } from '../../../electron/station/fleet/pack-store';
import { fleetPaths } from '../../../electron/station/fleet/fleet-files';
import { verifyPackFolder } from '../../../electron/station/fleet/pack-install';
import { stationSigner } from '../../../electron/station/sync/station-crypto';
import { startFaultProxy } from '../../support/fault-proxy';
import { sha256 } from '../../city/fleet/fleet-support';
import { closedPort, startLiveHub } from '../sync/support/live-hub';
import type { LiveHub } from '../sync/support/live-hub';
import { fakeSource } from './support/fake-source';
import { addNarration, correctLesson, enrolledStation, packFolder, publishFolder, REPO_LESSONS, signedManifest, repoLessonIds } from './support/fleet-harness';
import type { EnrolledStation } from './support/fleet-harness';

let hub: LiveHub;
let station: EnrolledStation;
const cleanups: Array<() => void> = [];
beforeAll(async () => {
  hub = await startLiveHub();
  station = await enrolledStation(hub);
  cleanups.push(station.cleanup);
}, 120_000);
afterAll(async () => {
  for (const cleanup of cleanups) cleanup();
  await hub.close();
});

const store = () => openPackStore(station.dataDir, REPO_LESSONS);
const hubSource = (url = hub.url) => createHubSource({ hubUrl: url, stationId: station.stationId, sign: stationSigner(loadOrCreateKeys(join(station.dataDir, 'keys.json'))), wallMs: Date.now });
function check(over: Partial<LessonCheckOptions> = {}) {
  let bytes = 0;
  const run = checkLessonChannel({ dataDir: station.dataDir, store: store(), source: hubSource(), appVersion: '0.1.0', validate: (dir) => loadPack(dir).problems, wallMs: Date.now, signal: new AbortController().signal, onBytes: (n) => (bytes += n), ...over });
  return { run, bytes: () => bytes };
}
async function refusal(over: Partial<LessonCheckOptions>): Promise<FleetErrorCode> {
  try {
    await check(over).run;
  } catch (error) {
    if (isFleetError(error)) return error.code;
    throw error;
  }
  throw new Error('accepted');
}

const RECORDING = 3_000_000;

describe('lesson channel on the station', () => {
  let pack: { dir: string; cleanup: () => void };
  let v1 = 0;

  it('installs the first version: every file verified, the loader loads every lesson, nothing bundled is downloaded again', async () => {
    pack = packFolder();
    cleanups.push(pack.cleanup);
    addNarration(pack.dir, 'mat-khau-otp', 600_000);
    v1 = (await publishFolder(hub.ctx, pack.dir)).version;
    const first = check();
    expect(await first.run).toMatchObject({ state: 'installed', version: v1 });
    // Only the narration is new: the lesson folders' other files are the bundled lessons' (mat-khau-otp/lesson.json changed too).
    const lessonJson = readFileSync(join(pack.dir, 'mat-khau-otp', 'lesson.json')).length;
    expect(first.bytes()).toBe(600_000 + lessonJson);
    const manifest = store().manifestOf(v1);
    expect(manifest?.files.length).toBeGreaterThan(90);
    await verifyPackFolder(store().versionDir(v1), manifest!);
    expect(loadPack(store().versionDir(v1))).toMatchObject({ problems: [] });
    expect(loadPack(store().versionDir(v1)).lessons).toHaveLength(repoLessonIds().length);
    // Installed, not yet running: the switch waits for a free moment (pack-switch.ts).
    expect(store().currentVersion()).toBeNull();
    store().switchTo(v1, Date.now());
    expect(await check().run).toEqual({ state: 'up_to_date', version: v1 });
  });

  it('a one-lesson correction moves only that lesson.json', async () => {
    correctLesson(pack.dir, 'zalo-an-toan', '(đã sửa)');
    const v2 = (await publishFolder(hub.ctx, pack.dir)).version;
    const update = check();
    expect(await update.run).toMatchObject({ state: 'installed', version: v2, fetchedBytes: readFileSync(join(pack.dir, 'zalo-an-toan', 'lesson.json')).length });
    expect(update.bytes()).toBe(readFileSync(join(pack.dir, 'zalo-an-toan', 'lesson.json')).length);
    store().switchTo(v2, Date.now());
    const zalo = loadPack(store().currentDir()).lessons.find((lesson) => lesson.id === 'zalo-an-toan');
    expect(zalo?.summary.vi).toContain('(đã sửa)');
    // The previous version stays for a rollback.
    expect(store().pointer()).toMatchObject({ version: v2, previous: v1 });
  });

  it('a download cut mid-file resumes from where it stopped (HTTP Range): no byte the station kept crosses the link again', async () => {
    addNarration(pack.dir, 'zalo-an-toan', RECORDING, 7);
    const v3 = (await publishFolder(hub.ctx, pack.dir)).version;
    const lessonJson = readFileSync(join(pack.dir, 'zalo-an-toan', 'lesson.json')).length;
    const audio = sha256(readFileSync(join(pack.dir, 'zalo-an-toan', 's1-recording.mp3')));
    // The recording's answer is reset after CUT_AT bytes (headers included; the trigger names its hash).
    // A reset makes the kernel throw away what it received but the station had not yet read: sent in
    // one burst, the whole allowance was usually lost and nothing was kept, so the resume went
    // untested. Paced at ~200 kB per 50 ms, as a slow link delivers it, the station reads along.
    const CUT_AT = RECORDING / 2;
    const proxy = await startFaultProxy({ targetPort: hub.port, settings: { bytesPerSecond: 4_000_000, cuts: [{ direction: 'downstream', trigger: `/files/${audio}`, afterBytes: CUT_AT, how: 'reset', times: 1 }] } });
    try {
      // The signed lessons answer, as it crosses the link (measured, for the wire count below).
      const before = proxy.stats().bytesDown;
      await hubSource(proxy.url).lessons({ have: store().currentVersion(), appVersion: '0.1.0' });
      const answerBytes = proxy.stats().bytesDown - before;

      const wireStart = proxy.stats().bytesDown;
      const cut = check({ source: hubSource(proxy.url) });
      await expect(cut.run).rejects.toSatisfy((error: unknown) => isFleetError(error, 'hub_unreachable'));
      const part = join(fleetPaths(station.dataDir).objectsDir, `${audio}.part`);
      const kept = readFileSync(part).length;
      expect(kept).toBeGreaterThan(0);
      expect(kept).toBeLessThan(CUT_AT);
      // Every byte the station received in the cut run is in the part (and the lesson.json is whole).
      expect(cut.bytes()).toBe(lessonJson + kept);

      const resumed = check({ source: hubSource(proxy.url) });
      expect(await resumed.run).toMatchObject({ state: 'installed', version: v3 });
      // The resumed run asks for exactly the rest, and does not fetch the finished lesson.json again.
      expect(resumed.bytes()).toBe(RECORDING - kept);
      expect(cut.bytes() + resumed.bytes()).toBe(RECORDING + lessonJson);
      // On the wire: two lessons answers, the lesson.json answer, the cut answer (exactly CUT_AT bytes)
      // and the rest. What crossed beyond the file sizes is the cut answer's CUT_AT bytes less the
      // kept ones — the bytes in flight at the cut, lost to the reset — plus three answers' headers.
      const wire = proxy.stats().bytesDown - wireStart;
      const inFlightAndHeaders = wire - 2 * answerBytes - lessonJson - (RECORDING - kept) - kept;
      expect(inFlightAndHeaders).toBeGreaterThanOrEqual(CUT_AT - kept);
      expect(inFlightAndHeaders).toBeLessThanOrEqual(CUT_AT - kept + 3 * 1024);
      expect(existsSync(part)).toBe(false);
      await verifyPackFolder(store().versionDir(v3), store().manifestOf(v3)!);
      store().switchTo(v3, Date.now());
    } finally {
      await proxy.close();
    }
  });

  it('a tampered file on the hub is refused by its hash, the part is dropped and nothing is installed', async () => {
    correctLesson(pack.dir, 'lua-dao-dau-tu', '(v4)');
    const v4 = (await publishFolder(hub.ctx, pack.dir)).version;
    const genuine = readFileSync(join(pack.dir, 'lua-dao-dau-tu', 'lesson.json'));
    const tampered = sha256(genuine);
    // Same length, one byte changed: the hub serves it whole, only the hash can tell.
    const changed = Buffer.from(genuine);
    changed[changed.indexOf('"version"')] = 0x27;
    const setChunk = (bytes: Buffer) => hub.ctx.db.query("UPDATE fleet_blob_chunks SET data = decode($2, 'base64') WHERE sha256 = $1", [tampered, bytes.toString('base64')]);
    await setChunk(changed);
    try {
      expect(await refusal({})).toBe('file_hash');
    } finally {
      await setChunk(genuine);
    }
    expect(store().isInstalled(v4)).toBe(false);
    expect(readdirSync(fleetPaths(station.dataDir).objectsDir).filter((name) => name.startsWith(tampered))).toEqual([]);
    expect(readdirSync(fleetPaths(station.dataDir).packsDir).filter((name) => name.startsWith('.build-'))).toEqual([]);
  });

  it('a manifest signed by another key, or a content key the city did not endorse, is refused before it is read', async () => {
    const stranger = generateKeyPairSync('ed25519').privateKey;
    const forged = await signedManifest(hub.ctx, [], 99, { sign: (text) => sign(null, Buffer.from(text), stranger).toString('base64') });
    expect(await refusal({ source: fakeSource({ ...forged, version: 99, up_to_date: false }) })).toBe('bad_signature');
    const strangerKey = Buffer.from(String(generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x), 'base64url').toString('base64');
    expect(await refusal({ source: fakeSource({ ...forged, content_key: strangerKey, version: 99, up_to_date: false }) })).toBe('content_key_unknown');
  });

  it('a replayed older version is refused; a newer one needing a newer app is not installed', async () => {
    const running = store().currentVersion()!;
    const old = (await hub.ctx.db.query<{ manifest: string; sig: string }>('SELECT manifest, sig FROM lesson_releases WHERE version = $1', [v1]))[0]!;
    const genuine = await signedManifest(hub.ctx, [], 1);
    expect(await refusal({ source: fakeSource({ ...genuine, manifest: old.manifest, sig: old.sig, version: v1, up_to_date: false }) })).toBe('stale_version');
    const future = await signedManifest(hub.ctx, [{ path: 'a/lesson.json', sha256: sha256('{}'), size: 2 }], running + 50, { minAppVersion: '9.0.0' });
    expect(await refusal({ source: fakeSource({ ...future, version: running + 50, up_to_date: false }) })).toBe('app_too_old');
    expect(store().currentVersion()).toBe(running);
  });

  it.each([
    ['path traversal', [{ path: '../../keys.json', sha256: sha256('x'), size: 1 }], 'manifest_path'],
    ['a file over the size limit', [{ path: 'a/lesson.json', sha256: sha256('x'), size: 64 * 1024 * 1024 }], 'manifest_limit'],
    ['a file the source does not have', [{ path: 'a/lesson.json', sha256: sha256('not served'), size: 10 }], 'file_missing'],
  ] as const)('refuses %s', async (_name, files, code) => {
    const running = store().currentVersion()!;
    const signed = await signedManifest(hub.ctx, [...files], running + 10);
    expect(await refusal({ source: fakeSource({ ...signed, version: running + 10, up_to_date: false }) })).toBe(code);
    expect(store().isInstalled(running + 10)).toBe(false);
  });

  it('refuses a pack the loader refuses: an SVG with a script, a picture the lesson names but the pack lacks', async () => {
    const svg = join(pack.dir, 'zalo-an-toan', 's2.svg');
    const original = readFileSync(svg, 'utf8');
    writeFileSync(svg, original.replace('</svg>', '<script>fetch("https://evil.example")</script></svg>'));
    const withScript = (await publishFolder(hub.ctx, pack.dir)).version;
    await expect(check().run).rejects.toSatisfy((error: unknown) => isFleetError(error, 'pack_invalid') && /s2\.svg.*script/.test(error.message));
    expect(store().isInstalled(withScript)).toBe(false);
    writeFileSync(svg, original);
    const { rmSync } = await import('node:fs');
    rmSync(join(pack.dir, 'zalo-an-toan', 's3.svg'));
    const missing = (await publishFolder(hub.ctx, pack.dir)).version;
    await expect(check().run).rejects.toSatisfy((error: unknown) => isFleetError(error, 'pack_invalid') && /s3\.svg: file is missing/.test(error.message));
    expect(store().isInstalled(missing)).toBe(false);
  });

  it('a hub that is down leaves the station on what it runs', async () => {
    const running = store().currentVersion();
    expect(await refusal({ source: hubSource(`http://127.0.0.1:${await closedPort()}`) })).toBe('hub_unreachable');
    expect(store().currentVersion()).toBe(running);
    expect(loadPack(store().currentDir()).lessons).toHaveLength(repoLessonIds().length);
  });
});
