/** A channel source a test controls completely: a fixed answer and files from memory. */
import { FleetError } from '../../../../electron/core/sync/protocol/fleet/fleet-error';
import type { ChannelSource } from '../../../../electron/station/fleet/channel-source';

export function fakeSource(answer: Record<string, unknown>, files: ReadonlyMap<string, Uint8Array> = new Map(), configs: Record<string, unknown> = {}): ChannelSource & { opened: string[] } {
  const opened: string[] = [];
  return {
    kind: 'hub',
    opened,
    lessons: async () => answer,
    configs: async () => configs,
    async openFile(sha256, offset) {
      opened.push(sha256);
      const bytes = files.get(sha256);
      if (bytes === undefined) throw new FleetError('file_missing', `no ${sha256}`);
      return { offset, body: (async function* () { yield bytes.subarray(offset); })() };
    },
  };
}
