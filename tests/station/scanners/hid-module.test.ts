import { describe, expect, it } from 'vitest';
import { loadNodeHid } from '../../../electron/station/scanners/hid-module';

describe('loadNodeHid', () => {
  it('wires the real node-hid behind the injected interface', async () => {
    const hid = await loadNodeHid();
    expect(typeof hid.HIDAsync.open).toBe('function');
    // Enumeration works without any device attached (build machines have none).
    expect(Array.isArray(await hid.devicesAsync())).toBe(true);
    await expect(hid.HIDAsync.open('/nonexistent/hidraw-tram-test')).rejects.toThrow();
  });
});
