/**
 * `tram city publish-lessons | export-lessons | sign-config | publish-app | rollout | fleet-status`:
 * the administrator's side of running the fleet (issue #18). Each prints one JSON line
 * `{"ok":true,…}` or `{"ok":false,"code","message"}`; exit 0 done, 1 refused, 2 bad input.
 *
 * The pack loader and the station config schema live in the station code, which the hub may not
 * import: `tram` (tools/, the one place that reaches both) hands them in as `FleetHooks`, so a pack
 * the stations' loader would refuse, or settings their schema would refuse, are never published.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, rename, rm, readdir, writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { UPDATE_PLATFORMS } from '../../electron/core/sync/protocol/fleet/fleet-wire';
import type { UpdatePlatform } from '../../electron/core/sync/protocol/fleet/fleet-wire';
import { parseLessonManifestText } from '../../electron/core/sync/protocol/fleet/lesson-manifest';
import type { CliIo } from '../cli/city-cli';
import { BLOB_CHUNK_BYTES } from '../store/fleet-blob-store';
import { CHANNEL_BUNDLE_FOLDER } from './channel-bundle';
import type { ChannelBundle } from './channel-bundle';
import { openFleetBackend } from './fleet-backend';
import type { FleetBackend } from './fleet-backend';
import type { FleetCommandResult } from './fleet-commands';
import { readPackFolder } from './pack-folder';
import type { PackValidator } from './publish-upload';
import type { SettingsValidator } from './sign-config';
import { hashFile } from './file-hash';

export interface FleetHooks {
  /** What the station's pack loader finds wrong with a pack folder (empty: every lesson loads). */
  readonly validatePack: PackValidator;
  readonly validateSettings: SettingsValidator;
}

export const FLEET_COMMANDS = new Set(['publish-lessons', 'export-lessons', 'sign-config', 'publish-app', 'rollout', 'fleet-status']);

export const FLEET_USAGE = [
  '  publish-lessons DIR --data DIR [--min-app-version V]   sign and publish a lesson pack folder as the next version',
  '  export-lessons --to DIR --data DIR        write the signed channel (lessons + configs) to a folder / USB stick',
  '  sign-config --station ID|--ward CODE --settings FILE --data DIR   sign allowed settings (opening hours, idle, texts …)',
  '  publish-app FILE --version V --platform win32|linux --data DIR   upload an installer for the app-update feed',
  '  rollout VERSION --percent P [--wards 06688,06690] --data DIR      who is offered that version',
  '  fleet-status [--ward CODE] --data DIR     stations with health and flags (JSON)',
];

function print(io: CliIo, result: FleetCommandResult | { ok: false; code: string; message: string }): number {
  io.stdout(JSON.stringify(result.ok ? { ok: true, ...(result.value as object) } : result));
  return result.ok ? 0 : 1;
}

const bad = (io: CliIo, message: string): number => {
  io.stderr(message);
  return 2;
};

/** Uploads a file's bytes as a blob in chunks (unless stored); returns whether it was uploaded. */
async function uploadFile(backend: FleetBackend, path: string, sha256: string, stored: boolean): Promise<boolean> {
  if (stored) return false;
  let idx = 0;
  let pending = Buffer.alloc(0);
  for await (const piece of createReadStream(path, { highWaterMark: BLOB_CHUNK_BYTES })) {
    pending = Buffer.concat([pending, piece as Buffer]);
    while (pending.length >= BLOB_CHUNK_BYTES) {
      await backend.putChunk(sha256, idx++, pending.subarray(0, BLOB_CHUNK_BYTES));
      pending = pending.subarray(BLOB_CHUNK_BYTES);
    }
  }
  if (pending.length > 0 || idx === 0) await backend.putChunk(sha256, idx++, pending);
  const completed = await backend.command({ command: 'complete-blob', sha256, chunks: idx });
  if (!completed.ok) throw new Error(`${path}: ${completed.message}`);
  return true;
}

async function publishLessons(backend: FleetBackend, io: CliIo, hooks: FleetHooks, dir: string, minAppVersion: string, by: string): Promise<number> {
  const folder = await readPackFolder(dir);
  const problems = [...folder.problems, ...hooks.validatePack(dir)];
  if (problems.length > 0) {
    problems.forEach((problem) => io.stderr(problem));
    return print(io, { ok: false, code: 'pack_invalid', message: `${problems.length} problems; nothing was published (tram lessons check ${dir})` });
  }
  const stored = await backend.command({ command: 'stored-blobs', sha256s: [...new Set(folder.files.map((file) => file.sha256))] });
  const held = new Set(stored.ok ? (stored.value as string[]) : []);
  let uploadedBytes = 0;
  for (const file of folder.files) {
    if (await uploadFile(backend, file.absolutePath, file.sha256, held.has(file.sha256))) uploadedBytes += file.size;
    held.add(file.sha256);
  }
  const result = await backend.command({ command: 'publish-lessons', files: folder.files.map(({ path, sha256, size }) => ({ path, sha256, size })), min_app_version: minAppVersion, by });
  return print(io, result.ok ? { ok: true, value: { ...(result.value as object), uploaded_bytes: uploadedBytes, skipped: folder.skipped } } : result);
}

async function exportLessons(backend: FleetBackend, io: CliIo, to: string): Promise<number> {
  const info = await backend.command({ command: 'export-info' });
  if (!info.ok) return print(io, info);
  const bundle = info.value as ChannelBundle;
  const root = join(to, CHANNEL_BUNDLE_FOLDER);
  const filesDir = join(root, 'files');
  await mkdir(filesDir, { recursive: true });
  const wanted = new Map((bundle.lessons === null ? [] : parseLessonManifestText(bundle.lessons.manifest).files).map((file) => [file.sha256, file.size]));
  let written = 0;
  for (const [sha256] of wanted) {
    const target = join(filesDir, sha256);
    if ((await hashFile(target).catch(() => null)) === sha256) continue;
    const temp = `${target}.part`;
    await pipeline(Readable.from(backend.readBlob(sha256)), createWriteStream(temp));
    if ((await hashFile(temp)) !== sha256) throw new Error(`the hub's copy of ${sha256} does not hash to its name`);
    await rename(temp, target);
    written += 1;
  }
  for (const name of await readdir(filesDir)) if (!wanted.has(name)) await rm(join(filesDir, name), { force: true });
  // channel.json last: a stick pulled before this line holds no bundle, never half of one.
  await writeFile(join(root, 'channel.json.part'), `${JSON.stringify(bundle)}\n`);
  await rename(join(root, 'channel.json.part'), join(root, 'channel.json'));
  const version = bundle.lessons === null ? null : parseLessonManifestText(bundle.lessons.manifest).version;
  return print(io, { ok: true, value: { folder: root, lesson_version: version, files: wanted.size, files_written: written, configs: bundle.configs.length } });
}

/** Runs a fleet sub-command of `tram city`. */
export async function runFleetCli(args: string[], io: CliIo, hooks: FleetHooks): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        to: { type: 'string' },
        'min-app-version': { type: 'string' },
        station: { type: 'string' },
        ward: { type: 'string' },
        settings: { type: 'string' },
        version: { type: 'string' },
        platform: { type: 'string' },
        percent: { type: 'string' },
        wards: { type: 'string' },
      },
    });
  } catch (error) {
    return bad(io, (error as Error).message);
  }
  const [command, target, ...extra] = parsed.positionals;
  const v = parsed.values;
  if (v.data === undefined) return bad(io, '--data DIR is required');
  if (extra.length > 0) return bad(io, `unexpected arguments: ${extra.join(' ')}`);
  const by = `cli:${userInfo().username}`.slice(0, 100);
  // Inputs are checked before the hub is opened.
  let run: (backend: FleetBackend) => Promise<number>;
  switch (command) {
    case 'publish-lessons':
      if (target === undefined) return bad(io, 'publish-lessons DIR: the pack folder is required');
      run = (backend) => publishLessons(backend, io, hooks, target, v['min-app-version'] ?? '0.0.0', by);
      break;
    case 'export-lessons':
      if (v.to === undefined) return bad(io, 'export-lessons: --to DIR is required');
      run = (backend) => exportLessons(backend, io, v.to ?? '');
      break;
    case 'sign-config': {
      if ((v.station === undefined) === (v.ward === undefined) || v.settings === undefined) return bad(io, 'sign-config: one of --station ID or --ward CODE, and --settings FILE');
      let settings: unknown;
      try {
        settings = JSON.parse(await readFile(v.settings, 'utf8'));
      } catch (error) {
        return bad(io, `--settings ${v.settings}: ${(error as Error).message}`);
      }
      if (typeof settings !== 'object' || settings === null || Array.isArray(settings)) return bad(io, '--settings: a JSON object of settings');
      const problem = hooks.validateSettings(settings as Record<string, unknown>)[0];
      if (problem !== undefined) return print(io, { ok: false, code: 'config_invalid', message: `${problem.path}: ${problem.message}` });
      const targetOf = v.station !== undefined ? { station_id: v.station } : { ward_code: v.ward ?? '' };
      run = async (backend) => print(io, await backend.command({ command: 'sign-config', target: targetOf, settings: settings as Record<string, unknown>, by }));
      break;
    }
    case 'publish-app': {
      const platform = v.platform as UpdatePlatform | undefined;
      if (target === undefined || v.version === undefined || platform === undefined || !UPDATE_PLATFORMS.includes(platform)) return bad(io, 'publish-app FILE --version V --platform win32|linux');
      const file = target.split(/[\\/]/).pop() ?? target;
      run = async (backend) => {
        const sha256 = await hashFile(target);
        const stored = await backend.command({ command: 'stored-blobs', sha256s: [sha256] });
        await uploadFile(backend, target, sha256, stored.ok && (stored.value as string[]).includes(sha256));
        return print(io, await backend.command({ command: 'register-app', version: v.version ?? '', platform, file, sha256, by }));
      };
      break;
    }
    case 'rollout': {
      const percent = Number(v.percent ?? 'NaN');
      if (target === undefined || !Number.isFinite(percent)) return bad(io, 'rollout VERSION --percent P [--wards 06688,06690]');
      const wards = (v.wards ?? '').split(',').map((ward) => ward.trim()).filter((ward) => ward !== '');
      run = async (backend) => print(io, await backend.command({ command: 'rollout', version: target, percent, wards, by }));
      break;
    }
    case 'fleet-status':
      if (v.ward !== undefined && !/^\d{5}$/.test(v.ward)) return bad(io, '--ward: a 5-digit ward code');
      run = async (backend) => print(io, await backend.command({ command: 'overview', ward: v.ward ?? null }));
      break;
    default:
      return bad(io, `unknown fleet command: ${command ?? ''}`);
  }
  const backend = await openFleetBackend(v.data, io.env.DATABASE_URL);
  try {
    return await run(backend);
  } finally {
    await backend.close();
  }
}
