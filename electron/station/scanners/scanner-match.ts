/**
 * Which enumerated HID interfaces are barcode scanners we can read: HID-POS interfaces (usage page
 * 0x8C, reference §3.3) and any interface of a configured vendor/product pair except its keyboard
 * face (usage page 0x01), which the OS owns and node-hid cannot open (reference §3.2).
 */
import type { HidDeviceInfo } from './hid-module';

export const HID_POS_USAGE_PAGE = 0x8c;
const GENERIC_DESKTOP_USAGE_PAGE = 0x01;

export type VidPid = { readonly vendorId: number; readonly productId: number };

export type ScannerMatch = {
  /** Configured scanner models; matched in addition to the usage page. */
  readonly vidPids?: readonly VidPid[];
  /** Usage page to accept; default 0x8C (HID-POS). `null` turns usage-page matching off. */
  readonly usagePage?: number | null;
};

/** An openable scanner interface: a device with a path. */
export type ScannerDevice = HidDeviceInfo & { readonly path: string };

/** Filters an enumeration down to scanner interfaces, one per path, in enumeration order. */
export function selectScannerDevices(devices: readonly HidDeviceInfo[], match: ScannerMatch): ScannerDevice[] {
  const usagePage = match.usagePage === undefined ? HID_POS_USAGE_PAGE : match.usagePage;
  const vidPids = match.vidPids ?? [];
  const seen = new Set<string>();
  const selected: ScannerDevice[] = [];
  for (const device of devices) {
    const path = device.path;
    if (path === undefined || path === '' || seen.has(path)) continue;
    const byUsagePage = usagePage !== null && device.usagePage === usagePage;
    const byModel =
      device.usagePage !== GENERIC_DESKTOP_USAGE_PAGE &&
      vidPids.some((model) => model.vendorId === device.vendorId && model.productId === device.productId);
    if (!byUsagePage && !byModel) continue;
    seen.add(path);
    selected.push({ ...device, path });
  }
  return selected;
}
