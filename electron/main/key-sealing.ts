/**
 * The kiosk's sealer for keys.json (electron/station/keys/key-file-sealer.ts) over Electron's
 * `safeStorage`: DPAPI on Windows (bound to the kiosk's Windows account), the Keychain on macOS, the
 * secret service (gnome-keyring or KWallet) on Linux. Call after `ready`: on Linux safeStorage only
 * knows its backend then.
 *
 * No sealer is better than a false one: where safeStorage has no real backend (Linux without a
 * keyring falls back to `basic_text`, a password written in Chromium's source), the file stays plain
 * JSON with mode 0600, and the start-up log says so.
 */
import type { KeyFileSealer } from '../station/keys/key-file-sealer';

/** The part of Electron's `safeStorage` used here (an interface, so tests hand in a stand-in). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only in Electron; absent elsewhere. */
  getSelectedStorageBackend?: () => string;
}

export const SAFE_STORAGE_SCHEME = 'electron-safe-storage';

export type KeySealing = { readonly sealer: KeyFileSealer; readonly detail: string } | { readonly sealer: null; readonly detail: string };

/** A sealer over `storage`, or null with the reason when the platform cannot really protect the file. */
export function safeStorageSealer(storage: SafeStorageLike, platform: NodeJS.Platform): KeySealing {
  if (!storage.isEncryptionAvailable()) return { sealer: null, detail: 'safeStorage has no encryption on this account: keys.json stays plain (mode 0600)' };
  const backend = platform === 'linux' ? (storage.getSelectedStorageBackend?.() ?? 'unknown') : platform;
  if (backend === 'basic_text' || backend === 'unknown') {
    return { sealer: null, detail: `safeStorage backend "${backend}" is not a real key store: keys.json stays plain (mode 0600); install gnome-keyring for the kiosk account` };
  }
  return {
    sealer: {
      scheme: SAFE_STORAGE_SCHEME,
      seal: (plain) => storage.encryptString(plain.toString('utf8')),
      open: (sealed) => Buffer.from(storage.decryptString(sealed), 'utf8'),
    },
    detail: `keys.json sealed with safeStorage (${backend})`,
  };
}
