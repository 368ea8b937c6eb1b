// Issue #18 item 2, the USB path end to end: `tram city export-lessons` (the hub's CLI, here through the
// serving hub's loopback admin routes, as on the ward office's PC) writes a signed channel bundle to a
// folder standing for the stick; the volunteer's `importFleetBundle` command finds the stick the way the
// export buttons do, reads it with folder-source.ts and installs it with the checks of a download. A
// tampered file, a manifest under the wrong key and an older bundle replayed are refused, and the
// running pack stays as it was.
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateKeyPairSync, sign } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCityCli } from '../../../city/cli/city-cli';
import type { CliIo } from '../../../city/cli/city-cli';
import { newAdminToken, writeServeLock } from '../../../city/cli/serve-lock';
import { CHANNEL_BUNDLE_FOLDER } from '../../../electron/core/sync/protocol/fleet/channel-bundle';
import type { ChannelBundle } from '../../../electron/core/sync/protocol/fleet/channel-bundle';
import { lessonManifestSigningText, parseLessonManifestText } from '../../../electron/core/sync/protocol/fleet/lesson-manifest';
import type { Lesson } from '../../../electron/core/lessons/lesson-schema';
import { loadEffectiveConfig } from '../../../electron/station/fleet/config-layers';
import { loadPack } from '../../../electron/station/fleet/fleet-boot';
import { fleetPaths } from '../../../electron/station/fleet/fleet-files';
import { createFleetHandlers } from '../../../electron/station/fleet/fleet-handlers';
import { createFleetService } from '../../../electron/station/fleet/fleet-service';
import type { FleetService } from '../../../electron/station/fleet/fleet-service';
import { openPackStore } from '../../../electron/station/fleet/pack-store';
import { createPackSwitcher } from '../../../electron/station/fleet/pack-switch';
import type { SwitchTimers } from '../../../electron/station/fleet/pack-switch';
import { StationError } from '../../../electron/station/station-error';
import { fleetHooks } from '../../../tools/fleet-hooks';
import { sha256 } from '../../city/fleet/fleet-support';
import { tempDir } from '../../support/station-db';
import { startLiveHub } from '../sync/support/live-hub';
import type { LiveHub } from '../sync/support/live-hub';
import { correctLesson, enrolledStation, packFolder, REPO_LESSONS } from './support/fleet-harness';
import type { EnrolledStation } from './support/fleet-harness';

let hub: LiveHub;
let station: EnrolledStation;
let pack: { dir: string; cleanup: () => void };
let sticks: { dir: string; cleanup: () => void };
const liveLessons: Lesson[] = [];
const noTimers: SwitchTimers = { setTimeout: () => null, clearTimeout: () => undefined };

beforeAll(async () => {
  const adminToken = newAdminToken();
  hub = await startLiveHub({ adminToken });
  // As while `tram city serve` runs: the CLI finds the serving hub and goes through its admin routes.
  await writeServeLock(hub.ctx.dataDir, { pid: process.pid, port: hub.port, token: adminToken });
  station = await enrolledStation(hub);
  pack = packFolder();
  sticks = tempDir('tram-usb-sticks-');
  service = openService();
}, 120_000);
afterAll(async () => {
  station.cleanup();
  pack.cleanup();
  sticks.cleanup();
  await hub.close();
});

async function tram(...args: string[]): Promise<Record<string, unknown>> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { stdout: (line) => out.push(line), stderr: (line) => err.push(line), stdin: (async function* () {})(), env: {} };
  const code = await runCityCli([...args, '--data', hub.ctx.dataDir], io, fleetHooks);
  if (code !== 0) throw new Error(`tram city ${args[0]} exited ${code}: ${out.join('\n')} ${err.join('\n')}`);
  return JSON.parse(out.at(-1) ?? '{}') as Record<string, unknown>;
}

/** A fresh stick (a folder) with the hub's channel exported onto it. */
async function exportTo(name: string): Promise<string> {
  const stick = join(sticks.dir, name);
  const answer = await tram('export-lessons', '--to', stick);
  expect(answer).toMatchObject({ ok: true, folder: join(stick, CHANNEL_BUNDLE_FOLDER) });
  return stick;
}

const store = () => openPackStore(station.dataDir, REPO_LESSONS);
let service: FleetService;
function openService(): FleetService {
  const packs = openPackStore(station.dataDir, REPO_LESSONS);
  return createFleetService({
    dataDir: station.dataDir,
    configPath: station.configPath,
    appVersion: '0.1.0',
    configuredHubUrl: null,
    store: packs,
    // The real switcher over a live lesson list; nobody is in a lesson, so an installed pack runs at once.
    switcher: createPackSwitcher({ store: packs, isBusy: () => false, load: loadPack, liveLessons, wallMs: Date.now, timers: noTimers }),
    validate: (dir) => loadPack(dir).problems,
    health: () => {
      throw new Error('no health report on the USB path');
    },
    wallMs: Date.now,
    timers: noTimers,
    log: () => undefined,
  });
}

/** The volunteer's command, with the given sticks plugged in (drive-1, drive-2 … as the page lists them). */
function importFrom(...plugged: string[]) {
  const handlers = createFleetHandlers({ dataDir: station.dataDir, status: () => ({ packVersion: null, packPending: null, config: { ward: null, station: null }, configStored: { ward: null, station: null }, configPendingRestart: [], lastError: null }), importFromFolder: service.importFromFolder, drives: () => plugged });
  return handlers.importFleetBundle({ targetId: 'drive-1' });
}

const bundleOf = (stick: string): ChannelBundle => JSON.parse(readFileSync(join(stick, CHANNEL_BUNDLE_FOLDER, 'channel.json'), 'utf8')) as ChannelBundle;
const writeBundle = (stick: string, bundle: ChannelBundle) => writeFileSync(join(stick, CHANNEL_BUNDLE_FOLDER, 'channel.json'), `${JSON.stringify(bundle)}\n`);
const leftovers = () => [...readdirSync(fleetPaths(station.dataDir).packsDir).filter((name) => name.startsWith('.build-')), ...readdirSync(fleetPaths(station.dataDir).objectsDir).filter((name) => name.endsWith('.part'))];

describe('USB channel: tram city export-lessons → stick → importFleetBundle', () => {
  let v1 = 0;
  let v2 = 0;
  let firstStick = '';

  it('installs the exported pack and the station config signed for it; the pack runs at once (nobody in a lesson)', async () => {
    v1 = (await tram('publish-lessons', pack.dir)).version as number;
    const settings = join(sticks.dir, 'settings.json');
    writeFileSync(settings, JSON.stringify({ idle: { warnAfterSeconds: 75 } }));
    await tram('sign-config', '--station', station.stationId, '--settings', settings);
    firstStick = await exportTo('stick-v1');
    // The stick holds exactly the manifest's contents, each named by its hash.
    const manifest = parseLessonManifestText(bundleOf(firstStick).lessons!.manifest);
    expect(readdirSync(join(firstStick, CHANNEL_BUNDLE_FOLDER, 'files')).sort()).toEqual([...new Set(manifest.files.map((file) => file.sha256))].sort());

    expect(await importFrom(firstStick)).toEqual({ lessons: 'installed', packVersion: v1, configApplied: 1, refused: [] });
    expect(store().currentVersion()).toBe(v1);
    expect(liveLessons.map((lesson) => lesson.id).sort()).toEqual(loadPack(REPO_LESSONS).lessons.map((lesson) => lesson.id).sort());
    const effective = loadEffectiveConfig(station.configPath, station.dataDir);
    expect(effective.versions).toEqual({ ward: null, station: 1 });
    expect(effective.load.ok && effective.load.config.idle.warnAfterSeconds).toBe(75);
    // The same stick again: nothing new.
    expect(await importFrom(firstStick)).toEqual({ lessons: 'up_to_date', packVersion: v1, configApplied: 0, refused: [] });
  });

  it('a file changed on the stick is refused by its hash; nothing is installed and the running pack stays', async () => {
    correctLesson(pack.dir, 'zalo-an-toan', '(v2)');
    v2 = (await tram('publish-lessons', pack.dir)).version as number;
    const stick = await exportTo('stick-tampered');
    const changed = readFileSync(join(pack.dir, 'zalo-an-toan', 'lesson.json'));
    const onStick = join(stick, CHANNEL_BUNDLE_FOLDER, 'files', sha256(changed));
    const bytes = Buffer.from(changed);
    bytes[bytes.indexOf('"version"')] = 0x27; // same length, one byte different
    writeFileSync(onStick, bytes);
    const summary = await importFrom(stick);
    expect(summary).toMatchObject({ lessons: 'refused', packVersion: null });
    expect(summary.refused[0]).toMatch(/^file_hash: /);
    expect(store().isInstalled(v2)).toBe(false);
    expect(store().currentVersion()).toBe(v1);
    expect(leftovers()).toEqual([]);
  });

  it('a manifest signed by another key, or a content key the city never endorsed, is refused', async () => {
    const stick = await exportTo('stick-forged');
    const genuine = bundleOf(stick);
    const stranger = generateKeyPairSync('ed25519');
    const forgedSig = sign(null, Buffer.from(lessonManifestSigningText(sha256(genuine.lessons!.manifest))), stranger.privateKey).toString('base64');
    writeBundle(stick, { ...genuine, lessons: { ...genuine.lessons!, sig: forgedSig } });
    expect((await importFrom(stick)).refused[0]).toMatch(/^bad_signature: /);
    const strangerKey = Buffer.from(String(stranger.publicKey.export({ format: 'jwk' }).x), 'base64url').toString('base64');
    writeBundle(stick, { ...genuine, content_key: strangerKey, lessons: { ...genuine.lessons!, sig: forgedSig } });
    await expect(importFrom(stick)).rejects.toSatisfy((error: unknown) => error instanceof StationError && error.code === 'content_key_unknown');
    expect(store().currentVersion()).toBe(v1);
    expect(leftovers()).toEqual([]);
  });

  it('the genuine newer bundle installs; the older stick replayed afterwards is refused and changes nothing', async () => {
    const stick = await exportTo('stick-v2');
    expect(parseLessonManifestText(bundleOf(stick).lessons!.manifest).version).toBe(v2);
    expect(await importFrom(stick)).toMatchObject({ lessons: 'installed', packVersion: v2, refused: [] });
    expect(store().currentVersion()).toBe(v2);
    const zalo = () => loadPack(store().currentDir()).lessons.find((lesson) => lesson.id === 'zalo-an-toan');
    expect(zalo()?.summary.vi).toContain('(v2)');

    const replayed = await importFrom(firstStick);
    expect(replayed.lessons).toBe('refused');
    expect(replayed.refused[0]).toMatch(new RegExp(`^stale_version: version ${v1} is older than the running version ${v2}`));
    expect(store().currentVersion()).toBe(v2);
    expect(zalo()?.summary.vi).toContain('(v2)');
  });

  it('a stick that is gone, or holds no bundle, is a clear error', async () => {
    await expect(importFrom()).rejects.toSatisfy((error: unknown) => error instanceof StationError && error.code === 'not_found');
    const empty = join(sticks.dir, 'empty-stick');
    cpSync(REPO_LESSONS, join(empty, 'lessons'), { recursive: true });
    await expect(importFrom(empty)).rejects.toSatisfy((error: unknown) => error instanceof StationError && error.code === 'bundle_malformed');
    expect(store().currentVersion()).toBe(v2);
  });
});
