import { describe, expect, it } from 'vitest';
import type { HidDeviceInfo } from '../../../electron/station/scanners/hid-module';
import { selectScannerDevices } from '../../../electron/station/scanners/scanner-match';

const devices: HidDeviceInfo[] = [
  { vendorId: 0x0c2e, productId: 0x0b6a, path: '/dev/hidraw0', usagePage: 0x8c, usage: 0x02 }, // Honeywell HID-POS
  { vendorId: 0x0c2e, productId: 0x0b6a, path: '/dev/hidraw1', usagePage: 0x01, usage: 0x06 }, // its keyboard face
  { vendorId: 0x05e0, productId: 0x1300, path: '/dev/hidraw2', usagePage: 0xff00, usage: 0x01 }, // configured model, vendor page
  { vendorId: 0x046d, productId: 0xc077, path: '/dev/hidraw3', usagePage: 0x01, usage: 0x02 }, // a mouse
  { vendorId: 0x1234, productId: 0x0001, usagePage: 0x8c }, // no path: cannot be opened
  { vendorId: 0x0c2e, productId: 0x0b6a, path: '/dev/hidraw0', usagePage: 0x8c, usage: 0x02 }, // duplicate row
];

describe('selectScannerDevices', () => {
  it('picks HID-POS interfaces by usage page 0x8C by default', () => {
    expect(selectScannerDevices(devices, {}).map((d) => d.path)).toEqual(['/dev/hidraw0']);
  });

  it('adds configured VID/PID models but never their keyboard interface', () => {
    const match = { vidPids: [{ vendorId: 0x05e0, productId: 0x1300 }, { vendorId: 0x0c2e, productId: 0x0b6a }] };
    expect(selectScannerDevices(devices, match).map((d) => d.path)).toEqual(['/dev/hidraw0', '/dev/hidraw2']);
  });

  it('can turn usage-page matching off', () => {
    expect(selectScannerDevices(devices, { usagePage: null })).toEqual([]);
    expect(selectScannerDevices(devices, { usagePage: null, vidPids: [{ vendorId: 0x05e0, productId: 0x1300 }] }).map((d) => d.path)).toEqual(['/dev/hidraw2']);
  });
});
