import { describe, expect, it } from 'vitest';
import { safeStorageSealer, SAFE_STORAGE_SCHEME } from '../../electron/main/key-sealing';
import { fakeSafeStorage } from '../support/electron-mock';

describe('safeStorageSealer', () => {
  it('seals and opens through safeStorage where the OS has a key store', () => {
    for (const platform of ['win32', 'darwin', 'linux'] as const) {
      const { sealer, detail } = safeStorageSealer(fakeSafeStorage(), platform);
      expect(sealer?.scheme).toBe(SAFE_STORAGE_SCHEME);
      expect(detail).toMatch(/sealed/);
      const sealed = sealer!.seal(Buffer.from('{"localLearnerKey":"bí mật"}'));
      expect(sealed.toString('utf8')).not.toContain('bí mật');
      expect(sealer!.open(sealed).toString('utf8')).toBe('{"localLearnerKey":"bí mật"}');
    }
  });

  it('bytes sealed on one account do not open on another', () => {
    const one = safeStorageSealer(fakeSafeStorage(), 'win32').sealer!;
    const other = safeStorageSealer(fakeSafeStorage(), 'win32').sealer!;
    expect(() => other.open(one.seal(Buffer.from('x')))).toThrow();
  });

  it('gives no sealer, with the reason, where the protection would be false', () => {
    const unavailable = fakeSafeStorage();
    unavailable.available = false;
    expect(safeStorageSealer(unavailable, 'win32')).toEqual({ sealer: null, detail: expect.stringMatching(/no encryption/) });
    // Linux without a keyring: Chromium's basic_text backend uses a password from its own source code.
    const basic = fakeSafeStorage();
    basic.backend = 'basic_text';
    expect(safeStorageSealer(basic, 'linux')).toEqual({ sealer: null, detail: expect.stringMatching(/basic_text.*gnome-keyring/) });
  });
});
