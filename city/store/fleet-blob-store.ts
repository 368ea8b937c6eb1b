/**
 * Content-addressed blobs of the fleet channel (lesson files, installers), named by their SHA-256
 * and kept in the database in 256 KiB chunks: every hub process on one PostgreSQL serves the same
 * files, a byte range is read without the rest, and a 100 MB installer is never one value in memory.
 * A blob exists for readers only once `completeBlob` has re-read its chunks and checked the hash.
 */
import { createHash } from 'node:crypto';
import type { SqlExecutor } from '../db/hub-database';

export const BLOB_CHUNK_BYTES = 256 * 1024;
/** Chunks read per query while streaming (2 MiB). */
const CHUNKS_PER_READ = 8;

export interface BlobInfo {
  readonly sha256: string;
  readonly sha512_b64: string;
  readonly size: number;
  readonly chunks: number;
}

/** The blob's row, or null when it is not (completely) stored. */
export async function findBlob(db: SqlExecutor, sha256: string): Promise<BlobInfo | null> {
  const rows = await db.query<BlobInfo>('SELECT sha256, sha512_b64, size, chunks FROM fleet_blobs WHERE sha256 = $1', [sha256]);
  return rows[0] ?? null;
}

/** Which of these hashes are stored. */
export async function storedBlobs(db: SqlExecutor, sha256s: readonly string[]): Promise<Set<string>> {
  if (sha256s.length === 0) return new Set();
  const rows = await db.query<{ sha256: string }>('SELECT sha256 FROM fleet_blobs WHERE sha256 = ANY($1::text[])', [sha256s]);
  return new Set(rows.map((row) => row.sha256));
}

/** Stores chunk `idx` of the blob named `sha256` (again: replaced; nothing reads it before completion). */
export async function putBlobChunk(db: SqlExecutor, sha256: string, idx: number, bytes: Uint8Array): Promise<void> {
  await db.query(
    "INSERT INTO fleet_blob_chunks (sha256, idx, data) VALUES ($1, $2, decode($3, 'base64')) ON CONFLICT (sha256, idx) DO UPDATE SET data = excluded.data",
    [sha256, idx, Buffer.from(bytes).toString('base64')],
  );
}

async function* chunkRows(db: SqlExecutor, sha256: string, first: number, last: number): AsyncGenerator<{ idx: number; data: Uint8Array }> {
  for (let from = first; from <= last; from += CHUNKS_PER_READ) {
    const rows = await db.query<{ idx: number; data: Uint8Array }>('SELECT idx, data FROM fleet_blob_chunks WHERE sha256 = $1 AND idx BETWEEN $2 AND $3 ORDER BY idx', [
      sha256,
      from,
      Math.min(last, from + CHUNKS_PER_READ - 1),
    ]);
    yield* rows;
  }
}

export class BlobIntegrityError extends Error {
  override readonly name = 'BlobIntegrityError';
}

/**
 * Re-reads chunks 0..n-1, checks that they follow each other, are full-sized but the last, and hash
 * to `sha256`; then records the blob. Throws BlobIntegrityError otherwise (nothing recorded).
 */
export async function completeBlob(db: SqlExecutor, p: { sha256: string; chunks: number; now: number }): Promise<BlobInfo> {
  const existing = await findBlob(db, p.sha256);
  if (existing !== null) return existing;
  const sha256 = createHash('sha256');
  const sha512 = createHash('sha512');
  let size = 0;
  let expected = 0;
  for await (const row of chunkRows(db, p.sha256, 0, p.chunks - 1)) {
    if (row.idx !== expected) throw new BlobIntegrityError(`blob ${p.sha256.slice(0, 12)}…: chunk ${expected} is missing`);
    const isLast = row.idx === p.chunks - 1;
    if (!isLast && row.data.byteLength !== BLOB_CHUNK_BYTES) throw new BlobIntegrityError(`blob ${p.sha256.slice(0, 12)}…: chunk ${row.idx} is ${row.data.byteLength} bytes`);
    sha256.update(row.data);
    sha512.update(row.data);
    size += row.data.byteLength;
    expected += 1;
  }
  if (expected !== p.chunks) throw new BlobIntegrityError(`blob ${p.sha256.slice(0, 12)}…: chunk ${expected} is missing`);
  const actual = sha256.digest('hex');
  if (actual !== p.sha256) throw new BlobIntegrityError(`blob ${p.sha256.slice(0, 12)}…: the chunks hash to ${actual.slice(0, 12)}…`);
  const info: BlobInfo = { sha256: p.sha256, sha512_b64: sha512.digest('base64'), size, chunks: p.chunks };
  await db.query('INSERT INTO fleet_blobs (sha256, sha512_b64, size, chunks, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (sha256) DO NOTHING', [
    info.sha256,
    info.sha512_b64,
    info.size,
    info.chunks,
    p.now,
  ]);
  return info;
}

/** Stores a whole blob held in memory (a lesson file) and returns its info. */
export async function putBlob(db: SqlExecutor, bytes: Uint8Array, now: number): Promise<BlobInfo> {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const existing = await findBlob(db, sha256);
  if (existing !== null) return existing;
  const chunks = Math.max(1, Math.ceil(bytes.byteLength / BLOB_CHUNK_BYTES));
  for (let idx = 0; idx < chunks; idx++) await putBlobChunk(db, sha256, idx, bytes.subarray(idx * BLOB_CHUNK_BYTES, (idx + 1) * BLOB_CHUNK_BYTES));
  return completeBlob(db, { sha256, chunks, now });
}

/** The bytes `start..end` (inclusive) of a stored blob, chunk by chunk, read lazily. */
export async function* readBlobRange(db: SqlExecutor, blob: BlobInfo, start: number, end: number): AsyncGenerator<Uint8Array> {
  if (blob.size === 0 || end < start) return;
  const first = Math.floor(start / BLOB_CHUNK_BYTES);
  const last = Math.floor(end / BLOB_CHUNK_BYTES);
  for await (const row of chunkRows(db, blob.sha256, first, last)) {
    const offset = row.idx * BLOB_CHUNK_BYTES;
    const from = Math.max(0, start - offset);
    const to = Math.min(row.data.byteLength, end - offset + 1);
    yield row.data.subarray(from, to);
  }
}
