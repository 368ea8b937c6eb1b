/**
 * The administrator's fleet operations, as commands a CLI runs on an open hub context — its own, or a
 * running hub's through the loopback admin routes (fleet-admin-routes.ts), since PGlite allows one
 * process per data folder. Files travel separately, chunk by chunk, as blobs; these commands only
 * name them by hash.
 */
import { z } from 'zod';
import { FleetError } from '../../electron/core/sync/protocol/fleet/fleet-error';
import { UPDATE_PLATFORMS } from '../../electron/core/sync/protocol/fleet/fleet-wire';
import type { HubContext } from '../hub-context';
import { completeBlob, storedBlobs } from '../store/fleet-blob-store';
import { registerAppRelease, setAppRollout } from './app-releases';
import { channelBundleInfo } from './channel-bundle';
import { fleetOverview } from './fleet-overview';
import { publishLessonRelease } from './publish-lessons';
import { signConfigDocument } from './sign-config';

const sha = z.string().regex(/^[0-9a-f]{64}$/);
const by = z.string().min(1).max(100);

export const fleetCommandSchema = z.discriminatedUnion('command', [
  z.object({ command: z.literal('stored-blobs'), sha256s: z.array(sha).max(10_000) }),
  z.object({ command: z.literal('complete-blob'), sha256: sha, chunks: z.int().min(1).max(1_000_000) }),
  z.object({ command: z.literal('publish-lessons'), files: z.array(z.object({ path: z.string(), sha256: sha, size: z.int().min(0) })).max(10_000), min_app_version: z.string().max(64), by }),
  z.object({
    command: z.literal('sign-config'),
    target: z.union([z.object({ station_id: z.string() }), z.object({ ward_code: z.string() })]),
    settings: z.record(z.string(), z.unknown()),
    by,
  }),
  z.object({ command: z.literal('register-app'), version: z.string().max(64), platform: z.enum(UPDATE_PLATFORMS), file: z.string().max(200), sha256: sha, by }),
  z.object({ command: z.literal('rollout'), version: z.string().max(64), percent: z.number(), wards: z.array(z.string().max(10)).max(1000), by }),
  z.object({ command: z.literal('export-info') }),
  z.object({ command: z.literal('overview'), ward: z.string().regex(/^\d{5}$/).nullable() }),
]);
export type FleetCommand = z.infer<typeof fleetCommandSchema>;

/** `{ok: true, value}` or the typed refusal `{ok: false, code, message}`. */
export type FleetCommandResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly code: string; readonly message: string };

/** Runs one command; a FleetError (or a blob that does not hash right) is a refusal, not a crash. */
export async function runFleetCommand(ctx: HubContext, command: FleetCommand): Promise<FleetCommandResult> {
  try {
    return { ok: true, value: await execute(ctx, command) };
  } catch (error) {
    if (error instanceof FleetError) return { ok: false, code: error.code, message: error.message };
    if (error instanceof Error && error.name === 'BlobIntegrityError') return { ok: false, code: 'file_hash', message: error.message };
    throw error;
  }
}

async function execute(ctx: HubContext, command: FleetCommand): Promise<unknown> {
  switch (command.command) {
    case 'stored-blobs':
      return [...(await storedBlobs(ctx.db, command.sha256s))];
    case 'complete-blob':
      return completeBlob(ctx.db, { sha256: command.sha256, chunks: command.chunks, now: ctx.now() });
    case 'publish-lessons':
      // Written to the officials' audit log like the web page's publish (the command line's address is "local").
      return publishLessonRelease(ctx, { files: command.files, minAppVersion: command.min_app_version, by: command.by, actor: { name: command.by, address: 'local', via: 'cli' } });
    case 'sign-config': {
      const { version } = await signConfigDocument(ctx, { target: command.target, settings: command.settings, by: command.by });
      return { version };
    }
    case 'register-app': {
      const row = await registerAppRelease(ctx, command);
      return { version: row.version, platform: row.platform, file: row.file, size: row.size, sha512: row.sha512_b64 };
    }
    case 'rollout':
      await setAppRollout(ctx, command);
      return { version: command.version, percent: command.percent, wards: command.wards };
    case 'export-info':
      return channelBundleInfo(ctx);
    case 'overview':
      return fleetOverview(ctx, command.ward);
    default:
      return assertNever(command);
  }
}

function assertNever(value: never): never {
  throw new Error(`unknown fleet command ${JSON.stringify(value)}`);
}
