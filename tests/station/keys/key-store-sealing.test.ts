// Issue #20: keys.json sealed at rest by the OS account's key store (safeStorage in the kiosk, a
// stand-in here with the same contract: bytes sealed by one account do not open in another).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useKeyFileSealer, type KeyFileSealer } from '../../../electron/station/keys/key-file-sealer';
import { KeyStoreError, loadOrCreateKeys, saveEnrolment, updateKeys } from '../../../electron/station/keys/key-store';
import { fakeSafeStorage } from '../../support/electron-mock';
import { tempDir } from '../../support/station-db';

/** A sealer over a fake OS key store ("account"). */
function accountSealer(scheme = 'electron-safe-storage'): KeyFileSealer {
  const storage = fakeSafeStorage();
  return { scheme, seal: (plain) => storage.encryptString(plain.toString('utf8')), open: (sealed) => Buffer.from(storage.decryptString(sealed), 'utf8') };
}

describe('key store sealed at rest', () => {
  let dir: { dir: string; cleanup: () => void };
  let path: string;
  beforeEach(() => {
    dir = tempDir('tram-keys-');
    path = join(dir.dir, 'keys.json');
  });
  afterEach(() => {
    useKeyFileSealer(null);
    dir.cleanup();
  });

  it('writes no key material in the clear while a sealer is active, and reads it back', () => {
    useKeyFileSealer(accountSealer());
    const created = loadOrCreateKeys(path);
    const onDisk = readFileSync(path, 'utf8');
    expect(JSON.parse(onDisk)).toEqual({ version: 1, sealed: { scheme: 'electron-safe-storage', data: expect.any(String) } });
    for (const secret of [created.localLearnerKey, created.stationPrivateKeyPkcs8, created.stationPublicKeyRaw]) expect(onDisk).not.toContain(secret);
    expect(loadOrCreateKeys(path)).toEqual(created);
  });

  it('keeps every later write sealed (enrolment with the city learner key)', () => {
    useKeyFileSealer(accountSealer());
    loadOrCreateKeys(path);
    const cityLearnerKey = Buffer.alloc(32, 7).toString('base64');
    saveEnrolment(path, { stationId: 'st-1', hubUrl: 'https://hub.example', cityPublicKeyRaw: Buffer.alloc(32, 1).toString('base64'), cityLearnerKey, epoch: 1, enrolledWallMs: 1 });
    updateKeys(path, (file) => ({ ...file, pinLockout: { wrongInARow: 2, lockedUntilMs: null, lockouts: 0 } }));
    const onDisk = readFileSync(path, 'utf8');
    expect(onDisk).not.toContain(cityLearnerKey);
    expect(loadOrCreateKeys(path).enrolment?.cityLearnerKey).toBe(cityLearnerKey);
  });

  it('seals a plain file from before on first read, keeping its keys', () => {
    const plain = loadOrCreateKeys(path);
    expect(readFileSync(path, 'utf8')).toContain(plain.localLearnerKey);
    useKeyFileSealer(accountSealer());
    expect(loadOrCreateKeys(path)).toEqual(plain);
    expect(readFileSync(path, 'utf8')).not.toContain(plain.localLearnerKey);
  });

  it('refuses a sealed file without its sealer (the CLI, another account): typed error, file unchanged, no fresh key', () => {
    useKeyFileSealer(accountSealer());
    loadOrCreateKeys(path);
    const before = readFileSync(path);
    for (const sealer of [null, accountSealer(), accountSealer('another-scheme')]) {
      useKeyFileSealer(sealer);
      expect(() => loadOrCreateKeys(path)).toThrow(KeyStoreError);
      try {
        loadOrCreateKeys(path);
      } catch (error) {
        expect((error as KeyStoreError).code).toBe('key_store_sealed');
      }
      expect(readFileSync(path)).toEqual(before);
    }
  });

  it('refuses a sealed file whose content is not a key file', () => {
    const sealer = accountSealer();
    useKeyFileSealer(sealer);
    writeFileSync(path, JSON.stringify({ version: 1, sealed: { scheme: sealer.scheme, data: sealer.seal(Buffer.from('{"version":1}')).toString('base64') } }));
    const before = readFileSync(path);
    expect(() => loadOrCreateKeys(path)).toThrow(/invalid/);
    expect(readFileSync(path)).toEqual(before);
  });
});
