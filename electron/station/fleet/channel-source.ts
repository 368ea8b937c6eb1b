/**
 * Where lesson packs and config documents come from: the hub over the network (hub-source.ts) or a
 * USB stick (folder-source.ts). Both give the same signed texts and the same file bytes, and the
 * station applies the same checks to both (lesson-channel.ts, config-layers.ts).
 */
export interface FileStream {
  /** Where the bytes start: the offset asked for, or 0 when the source sends the whole file. */
  readonly offset: number;
  readonly body: AsyncIterable<Uint8Array>;
}

export interface ChannelSource {
  readonly kind: 'hub' | 'usb';
  /** The lessons answer (docs/PROTOCOL.md §11.2), not yet validated. */
  lessons(p: { readonly have: number | null; readonly appVersion: string }): Promise<unknown>;
  /** The config answer (§11.4), not yet validated. */
  configs(): Promise<unknown>;
  /** A content's bytes from `offset` (resuming a cut download). Throws FleetError `file_missing` for an unknown content. */
  openFile(sha256: string, offset: number, signal: AbortSignal): Promise<FileStream>;
}
