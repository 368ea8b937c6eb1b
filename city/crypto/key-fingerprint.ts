/**
 * Ties a database to the city key file it was first served with. The fingerprint is a SHA-256 over
 * the public receipt key and a SHA-256 of the learner key, so the database never holds either secret.
 * The first hub to start on a database records it; every later start compares.
 */
import { createHash } from 'node:crypto';
import type { SqlExecutor } from '../db/hub-database';
import type { CityKeys } from './city-keys';

/** Hex fingerprint of a key file's two keys. */
export function keyFingerprint(keys: Pick<CityKeys, 'publicKeyB64' | 'learnerKeyB64'>): string {
  const learner = createHash('sha256').update(Buffer.from(keys.learnerKeyB64, 'base64')).digest('hex');
  return createHash('sha256').update(`tram-hoc-so/city-keys/v1\n${keys.publicKeyB64}\n${learner}`).digest('hex');
}

/** Thrown when the key file does not belong to the database; its message is for the operator. */
export class KeyFileMismatchError extends Error {
  override readonly name = 'KeyFileMismatchError';
}

/**
 * Records the key file's fingerprint on first start, or checks it. A database that already has
 * enrolled stations but no fingerprint (served before this check existed) accepts the key file only
 * if it was not created just now — a key file made by this very start cannot be the one those
 * stations were enrolled with.
 */
export async function checkKeyFile(db: SqlExecutor, p: { keys: CityKeys; keyFilePath: string; createdNow: boolean; now: number }): Promise<void> {
  const fingerprint = keyFingerprint(p.keys);
  const recorded = (await db.query<{ key_fingerprint: string }>('SELECT key_fingerprint FROM hub_identity'))[0]?.key_fingerprint;
  if (recorded === undefined) {
    const enrolled = (await db.query<{ n: number }>('SELECT count(*)::integer AS n FROM stations'))[0]?.n ?? 0;
    if (p.createdNow && enrolled > 0) {
      throw new KeyFileMismatchError(
        `Cơ sở dữ liệu đã có ${enrolled} trạm nhưng tệp khóa ${p.keyFilePath} vừa được tạo mới: hãy dùng tệp khóa của hub đã ghi danh các trạm. · ` +
          `The database has ${enrolled} enrolled stations but the key file ${p.keyFilePath} was just created: use the key file of the hub that enrolled them (the new file was left in place; remove it).`,
      );
    }
    await db.query('INSERT INTO hub_identity (singleton, key_fingerprint, recorded_at) VALUES (true, $1, $2) ON CONFLICT (singleton) DO NOTHING', [fingerprint, p.now]);
    const winner = (await db.query<{ key_fingerprint: string }>('SELECT key_fingerprint FROM hub_identity'))[0]?.key_fingerprint;
    if (winner === fingerprint) return;
    return mismatch(p.keyFilePath, winner ?? '?', fingerprint);
  }
  if (recorded !== fingerprint) mismatch(p.keyFilePath, recorded, fingerprint);
}

function mismatch(path: string, recorded: string, found: string): never {
  throw new KeyFileMismatchError(
    `Tệp khóa ${path} không khớp với cơ sở dữ liệu: hub không khởi động. · ` +
      `The key file ${path} does not match this database (recorded fingerprint ${recorded.slice(0, 16)}…, this file ${found.slice(0, 16)}…): ` +
      'the hub will not start. Every hub process on one database needs the same city-keys.json.',
  );
}
