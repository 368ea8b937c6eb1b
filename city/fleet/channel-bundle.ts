/**
 * The USB form of the channel (issue #18 item 2, docs/PROTOCOL.md §10.7): a folder
 * `tram-hoc-so-channel/` holding `channel.json` (the content key with its endorsement, the newest
 * signed lesson manifest and every current signed config document) and `files/<sha256>` for every
 * file the manifest lists. A station imports it with exactly the checks of a download: the
 * signatures, every hash and size, the pack loader; a config document addressed to another station
 * or ward is simply not used.
 */
import { z } from 'zod';
import { signedConfigSchema } from '../../electron/core/sync/protocol/fleet/fleet-wire';
import type { HubContext } from '../hub-context';
import { allCurrentConfigDocuments, latestLessonRelease } from '../store/fleet-channel-store';
import { contentKeyFields, fleetContext } from './fleet-context';

export const CHANNEL_BUNDLE_FORMAT = 'tram-hoc-so/channel-bundle/v1';
export const CHANNEL_BUNDLE_FOLDER = 'tram-hoc-so-channel';

export const channelBundleSchema = z.object({
  format: z.literal(CHANNEL_BUNDLE_FORMAT),
  content_key: z.string(),
  content_key_endorsement: z.string(),
  lessons: signedConfigSchema.pick({ sig: true }).extend({ manifest: z.string().min(1) }).nullable(),
  configs: z.array(signedConfigSchema),
});
export type ChannelBundle = z.infer<typeof channelBundleSchema>;

/** The `channel.json` of a bundle made now. */
export async function channelBundleInfo(ctx: HubContext): Promise<ChannelBundle> {
  const fleet = await fleetContext(ctx);
  const release = await latestLessonRelease(ctx.db);
  const configs = await allCurrentConfigDocuments(ctx.db);
  return {
    format: CHANNEL_BUNDLE_FORMAT,
    ...contentKeyFields(fleet),
    lessons: release === null ? null : { manifest: release.manifest, sig: release.sig },
    configs: configs.map((row) => ({ document: row.document, sig: row.sig })),
  };
}
