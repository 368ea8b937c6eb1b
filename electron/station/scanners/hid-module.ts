/**
 * The slice of node-hid the scanner adapter uses, as an interface so tests and the demo host can
 * inject a fake (or the simulator) instead of real USB. The real module satisfies it as is.
 */

/** What an enumeration reports about one HID interface (node-hid `Device`). */
export type HidDeviceInfo = {
  readonly vendorId: number;
  readonly productId: number;
  readonly path?: string | undefined;
  readonly usagePage?: number | undefined;
  readonly usage?: number | undefined;
  readonly product?: string | undefined;
};

/** An open device (node-hid `HIDAsync`): reports arrive as 'data', unplugging raises 'error'. */
export interface HidDeviceHandle {
  on(event: 'data', listener: (report: Uint8Array) => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
  close(): Promise<void>;
}

/** The module: enumeration and opening by path, both asynchronous (they do USB I/O). */
export interface HidModule {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  readonly HIDAsync: { open(path: string): Promise<HidDeviceHandle> };
}

/** Loads the real node-hid lazily, so hosts without scanners never load the native addon. */
export async function loadNodeHid(): Promise<HidModule> {
  const nodeHid = await import('node-hid');
  const module: HidModule = { devicesAsync: () => nodeHid.devicesAsync(), HIDAsync: { open: (path) => nodeHid.HIDAsync.open(path) } };
  return module;
}
