/**
 * Protection of keys.json at rest (issue #20). The station's secrets (its signing key, the city's
 * learner key, the volunteer PIN hash) sit in a file the kiosk account can read; anyone who copies the
 * data folder off the disk, or images it, would carry them away. A sealer encrypts the file with a key
 * the operating system keeps for the kiosk's account (Windows DPAPI, macOS Keychain, the Linux secret
 * service), so a copy of the folder alone is useless.
 *
 * The Electron shell supplies the one real sealer (electron/main/key-sealing.ts, over `safeStorage`)
 * before the station opens; the `tram` command line and the web host run on plain Node, have none,
 * and read only unsealed files. A sealed file met without its sealer is a typed error
 * (`key_store_sealed`), never a silent fresh key: a fresh key would fork the station's identity.
 */
export interface KeyFileSealer {
  /** Written into the sealed file, so a reader knows which sealer it needs. */
  readonly scheme: string;
  seal(plain: Buffer): Buffer;
  /** Throws when the bytes were not sealed by this sealer for this account. */
  open(sealed: Buffer): Buffer;
}

let active: KeyFileSealer | null = null;

/**
 * Sets the sealer of this process. Called once by the Electron composition root, after `ready` and
 * before the station opens; null (the default) leaves the file in plain JSON with mode 0600.
 */
export function useKeyFileSealer(sealer: KeyFileSealer | null): void {
  active = sealer;
}

/** The sealer of this process, or null. */
export function activeKeyFileSealer(): KeyFileSealer | null {
  return active;
}
