/**
 * The USB form of the fleet channel (docs/PROTOCOL.md §11.7): a folder `tram-hoc-so-channel/` with
 * `channel.json` (this schema) and `files/<sha256>` for every file the manifest lists. Its content is
 * exactly what the hub's answers carry, signatures included, so a station imports it with the checks
 * of a download.
 */
import { z } from 'zod';
import { signedConfigSchema } from './fleet-wire';

export const CHANNEL_BUNDLE_FORMAT = 'tram-hoc-so/channel-bundle/v1';
export const CHANNEL_BUNDLE_FOLDER = 'tram-hoc-so-channel';
export const MAX_CHANNEL_JSON_BYTES = 4 * 1024 * 1024;

export const channelBundleSchema = z.object({
  format: z.literal(CHANNEL_BUNDLE_FORMAT),
  content_key: z.string(),
  content_key_endorsement: z.string(),
  lessons: z.object({ version: z.int().min(1), manifest: z.string().min(1), sig: z.string() }).nullable(),
  configs: z.array(signedConfigSchema).max(10_000),
});
export type ChannelBundle = z.infer<typeof channelBundleSchema>;
