/**
 * A channel bundle on a USB stick as a channel source (docs/PROTOCOL.md §11.7). The stick is
 * untrusted: `channel.json` and every file are opened only if they are regular files (no links out of
 * the stick), `channel.json` has a size cap, and file names come only from hashes the signed manifest
 * lists — never from the stick's own listing. The bytes then face the same hash checks as a download.
 */
import { createReadStream, lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { channelBundleSchema, CHANNEL_BUNDLE_FOLDER, MAX_CHANNEL_JSON_BYTES } from '../../core/sync/protocol/fleet/channel-bundle';
import type { ChannelBundle } from '../../core/sync/protocol/fleet/channel-bundle';
import { FleetError } from '../../core/sync/protocol/fleet/fleet-error';
import { HEX64_PATTERN } from '../../core/sync/protocol/limits';
import type { ChannelSource, FileStream } from './channel-source';

function regularFileSize(path: string): number | null {
  try {
    const stats = lstatSync(path);
    return stats.isFile() ? stats.size : null;
  } catch {
    return null;
  }
}

/** True when `root` (a drive or folder) holds a channel bundle. */
export function hasChannelBundle(root: string): boolean {
  return regularFileSize(join(root, CHANNEL_BUNDLE_FOLDER, 'channel.json')) !== null;
}

/** Reads the bundle at `root`; throws FleetError `bundle_malformed` for anything unusable. */
export function openFolderSource(root: string): ChannelSource & { readonly bundle: ChannelBundle } {
  const folder = join(root, CHANNEL_BUNDLE_FOLDER);
  const file = join(folder, 'channel.json');
  const size = regularFileSize(file);
  if (size === null) throw new FleetError('bundle_malformed', `no ${CHANNEL_BUNDLE_FOLDER}/channel.json on this drive`);
  if (size > MAX_CHANNEL_JSON_BYTES) throw new FleetError('bundle_malformed', `channel.json is ${size} bytes, more than ${MAX_CHANNEL_JSON_BYTES}`);
  let parsed;
  try {
    parsed = channelBundleSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    throw new FleetError('bundle_malformed', 'channel.json is not valid JSON');
  }
  if (!parsed.success) throw new FleetError('bundle_malformed', `channel.json: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  const bundle = parsed.data;
  const keyFields = { content_key: bundle.content_key, content_key_endorsement: bundle.content_key_endorsement };
  return {
    kind: 'usb',
    bundle,
    lessons: async () => ({ ...keyFields, version: bundle.lessons?.version ?? null, up_to_date: bundle.lessons === null, ...(bundle.lessons === null ? {} : { manifest: bundle.lessons.manifest, sig: bundle.lessons.sig }) }),
    configs: async () => ({ ...keyFields, documents: bundle.configs }),
    async openFile(sha256, offset): Promise<FileStream> {
      if (!HEX64_PATTERN.test(sha256)) throw new FleetError('file_missing', 'not a content hash');
      const path = join(folder, 'files', sha256);
      const fileSize = regularFileSize(path);
      if (fileSize === null) throw new FleetError('file_missing', `the USB bundle has no file ${sha256.slice(0, 12)}…`);
      const start = offset <= fileSize ? offset : 0;
      return { offset: start, body: createReadStream(path, { start }) };
    },
  };
}
