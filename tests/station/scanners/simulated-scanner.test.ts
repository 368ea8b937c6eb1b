import { describe, expect, it } from 'vitest';
import { createSimulatedHidModule, SimulatedScanner } from '../../../electron/station/scanners/simulated-scanner';

describe('SimulatedScanner', () => {
  it('enumerates like a HID-POS device and only while plugged in', async () => {
    const scanner = new SimulatedScanner({ path: 'sim-0', vendorId: 0x1234, productId: 0x5678 });
    const hid = createSimulatedHidModule([scanner]);
    expect(await hid.devicesAsync()).toEqual([expect.objectContaining({ path: 'sim-0', vendorId: 0x1234, productId: 0x5678, usagePage: 0x8c, usage: 0x02 })]);
    scanner.unplug();
    expect(await hid.devicesAsync()).toEqual([]);
    await expect(hid.HIDAsync.open('sim-0')).rejects.toThrow('cannot open device');
  });

  it('sends byte-exact reports in its layout, and loses them when nobody reads (no buffer)', async () => {
    const scanner = new SimulatedScanner({ path: 'sim-0', layout: 'generic-61' });
    expect(scanner.scanText('lost')).toBe(false);
    const handle = await createSimulatedHidModule([scanner]).HIDAsync.open('sim-0');
    const received: Uint8Array[] = [];
    handle.on('data', (report) => received.push(report));
    expect(scanner.scanText('x'.repeat(60), ']Q1')).toBe(true);
    expect(received.map((r) => [r.length, r[60]])).toEqual([
      [61, 1],
      [61, 0],
    ]);
    await handle.close();
    expect(scanner.isOpen).toBe(false);
  });

  it('raises an error on the open handle when unplugged', async () => {
    const scanner = new SimulatedScanner({ path: 'sim-0' });
    const handle = await createSimulatedHidModule([scanner]).HIDAsync.open('sim-0');
    const errors: unknown[] = [];
    handle.on('error', (error) => errors.push(error));
    scanner.unplug();
    expect(errors).toHaveLength(1);
    expect(scanner.plugged).toBe(false);
  });
});
