/**
 * App releases (installers uploaded by an administrator, each a stored blob with its signed
 * statement) and their staged rollout (docs/PROTOCOL.md §11.6).
 */
import type { SqlExecutor } from '../db/hub-database';

export interface AppReleaseRow {
  readonly platform: 'win32' | 'linux';
  readonly version: string;
  readonly file: string;
  readonly blob_sha256: string;
  readonly sha512_b64: string;
  readonly size: number;
  readonly sig: string;
  readonly uploaded_at: number;
}

export interface RolloutRow {
  readonly version: string;
  readonly percent: number;
  readonly wards: string[];
}

export async function upsertAppRelease(db: SqlExecutor, row: AppReleaseRow & { uploaded_by: string }): Promise<void> {
  await db.query(
    `INSERT INTO app_releases (platform, version, file, blob_sha256, sha512_b64, size, sig, uploaded_by, uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (platform, version) DO UPDATE SET file = excluded.file, blob_sha256 = excluded.blob_sha256, sha512_b64 = excluded.sha512_b64,
       size = excluded.size, sig = excluded.sig, uploaded_by = excluded.uploaded_by, uploaded_at = excluded.uploaded_at`,
    [row.platform, row.version, row.file, row.blob_sha256, row.sha512_b64, row.size, row.sig, row.uploaded_by, row.uploaded_at],
  );
}

export async function listAppReleases(db: SqlExecutor, platform: string | null = null): Promise<AppReleaseRow[]> {
  return db.query<AppReleaseRow>(
    'SELECT platform, version, file, blob_sha256, sha512_b64, size, sig, uploaded_at FROM app_releases WHERE $1::text IS NULL OR platform = $1 ORDER BY uploaded_at DESC',
    [platform],
  );
}

export async function setRollout(db: SqlExecutor, p: RolloutRow & { by: string; now: number }): Promise<void> {
  await db.query(
    `INSERT INTO app_rollouts (version, percent, wards, updated_by, updated_at) VALUES ($1, $2, $3::text[], $4, $5)
     ON CONFLICT (version) DO UPDATE SET percent = excluded.percent, wards = excluded.wards, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
    [p.version, p.percent, p.wards, p.by, p.now],
  );
}

export async function listRollouts(db: SqlExecutor): Promise<RolloutRow[]> {
  return db.query<RolloutRow>('SELECT version, percent, wards FROM app_rollouts ORDER BY version');
}
