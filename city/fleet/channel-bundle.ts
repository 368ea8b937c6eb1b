/**
 * The USB form of the channel (issue #18 item 2, docs/PROTOCOL.md §11.7): a folder
 * `tram-hoc-so-channel/` holding `channel.json` (the content key with its endorsement, the newest
 * signed lesson manifest and every current signed config document) and `files/<sha256>` for every
 * file the manifest lists. A station imports it with exactly the checks of a download: the
 * signatures, every hash and size, the pack loader; a config document addressed to another station
 * or ward is simply not used.
 */
import { CHANNEL_BUNDLE_FORMAT } from '../../electron/core/sync/protocol/fleet/channel-bundle';
import type { ChannelBundle } from '../../electron/core/sync/protocol/fleet/channel-bundle';
import type { HubContext } from '../hub-context';
import { allCurrentConfigDocuments, latestLessonRelease } from '../store/fleet-channel-store';
import { contentKeyFields, fleetContext } from './fleet-context';

export { CHANNEL_BUNDLE_FOLDER } from '../../electron/core/sync/protocol/fleet/channel-bundle';
export type { ChannelBundle } from '../../electron/core/sync/protocol/fleet/channel-bundle';

/** The `channel.json` of a bundle made now. */
export async function channelBundleInfo(ctx: HubContext): Promise<ChannelBundle> {
  const fleet = await fleetContext(ctx);
  const release = await latestLessonRelease(ctx.db);
  const configs = await allCurrentConfigDocuments(ctx.db);
  return {
    format: CHANNEL_BUNDLE_FORMAT,
    ...contentKeyFields(fleet),
    lessons: release === null ? null : { version: release.version, manifest: release.manifest, sig: release.sig },
    configs: configs.map((row) => ({ document: row.document, sig: row.sig })),
  };
}
