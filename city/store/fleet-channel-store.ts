/**
 * Signed lesson releases and station config documents (docs/PROTOCOL.md §11.2, §11.4): repository
 * functions `(db, params) => result`. Versions are taken under a transaction-scoped advisory lock, so
 * two administrators publishing at once get two versions, never one twice.
 */
import type { SqlExecutor } from '../db/hub-database';

const RELEASE_LOCK = 7_274_663_120;
const CONFIG_LOCK = 7_274_663_121;

export interface LessonReleaseRow {
  readonly version: number;
  readonly manifest: string;
  readonly sig: string;
  readonly min_app_version: string;
  readonly files: number;
  readonly total_bytes: number;
  readonly published_by: string;
  readonly published_at: number;
}

/** Takes the release lock and returns the next version number (inside a transaction). */
export async function nextReleaseVersion(tx: SqlExecutor): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [RELEASE_LOCK]);
  const rows = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM lesson_releases');
  return (rows[0]?.v ?? 0) + 1;
}

export async function insertLessonRelease(db: SqlExecutor, row: LessonReleaseRow): Promise<void> {
  await db.query(
    'INSERT INTO lesson_releases (version, manifest, sig, min_app_version, files, total_bytes, published_by, published_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [row.version, row.manifest, row.sig, row.min_app_version, row.files, row.total_bytes, row.published_by, row.published_at],
  );
}

/** The newest release, or null. */
export async function latestLessonRelease(db: SqlExecutor): Promise<LessonReleaseRow | null> {
  const rows = await db.query<LessonReleaseRow>('SELECT version, manifest, sig, min_app_version, files, total_bytes, published_by, published_at FROM lesson_releases ORDER BY version DESC LIMIT 1');
  return rows[0] ?? null;
}

/** Releases newest first, without their manifests (for pages). */
export async function listLessonReleases(db: SqlExecutor, limit = 20): Promise<Array<Omit<LessonReleaseRow, 'manifest' | 'sig'>>> {
  return db.query('SELECT version, min_app_version, files, total_bytes, published_by, published_at FROM lesson_releases ORDER BY version DESC LIMIT $1', [limit]);
}

export interface ConfigDocumentRow {
  readonly target_kind: 'station' | 'ward';
  readonly target: string;
  readonly version: number;
  readonly document: string;
  readonly sig: string;
  readonly signed_by: string;
  readonly signed_at: number;
}

/** Takes the config lock and returns the next version of a target's layer (inside a transaction). */
export async function nextConfigVersion(tx: SqlExecutor, p: { kind: 'station' | 'ward'; target: string }): Promise<number> {
  await tx.query('SELECT pg_advisory_xact_lock($1)', [CONFIG_LOCK]);
  const rows = await tx.query<{ v: number | null }>('SELECT max(version) AS v FROM config_documents WHERE target_kind = $1 AND target = $2', [p.kind, p.target]);
  return (rows[0]?.v ?? 0) + 1;
}

export async function insertConfigDocument(db: SqlExecutor, row: ConfigDocumentRow): Promise<void> {
  await db.query('INSERT INTO config_documents (target_kind, target, version, document, sig, signed_by, signed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
    row.target_kind,
    row.target,
    row.version,
    row.document,
    row.sig,
    row.signed_by,
    row.signed_at,
  ]);
}

/** The newest document of the ward layer and of the station's own layer (ward first). */
export async function currentConfigDocuments(db: SqlExecutor, p: { stationId: string; wardCode: string }): Promise<ConfigDocumentRow[]> {
  return db.query<ConfigDocumentRow>(
    `SELECT DISTINCT ON (target_kind) target_kind, target, version, document, sig, signed_by, signed_at FROM config_documents
     WHERE (target_kind = 'ward' AND target = $2) OR (target_kind = 'station' AND target = $1)
     ORDER BY target_kind DESC, version DESC`,
    [p.stationId, p.wardCode],
  );
}

/** Every target's newest document (for the USB export). */
export async function allCurrentConfigDocuments(db: SqlExecutor): Promise<ConfigDocumentRow[]> {
  return db.query<ConfigDocumentRow>(
    `SELECT DISTINCT ON (target_kind, target) target_kind, target, version, document, sig, signed_by, signed_at FROM config_documents
     ORDER BY target_kind DESC, target, version DESC`,
  );
}
