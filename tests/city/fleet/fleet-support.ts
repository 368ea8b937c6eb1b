/** Helpers for the hub's fleet tests: publish a pack from bytes, sign-check answers, call signed routes. */
import { createHash, createPublicKey, verify } from 'node:crypto';
import { configDocumentSigningText } from '../../../electron/core/sync/protocol/fleet/config-document';
import { contentKeyEndorsementText } from '../../../electron/core/sync/protocol/fleet/content-key';
import { lessonManifestSigningText } from '../../../electron/core/sync/protocol/fleet/lesson-manifest';
import { publishLessonRelease } from '../../../city/fleet/publish-lessons';
import { putBlob } from '../../../city/store/fleet-blob-store';
import type { StationFixture } from '../../support/station-fixture';
import { injectRaw } from '../support/hub-harness';
import type { TestHub, WireAnswer } from '../support/hub-harness';

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** True when `sig` (b64) is an Ed25519 signature of `text` by the raw b64 key. */
export function verifies(keyB64: string, text: string, sig: string): boolean {
  const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(keyB64, 'base64').toString('base64url') }, format: 'jwk' });
  return verify(null, Buffer.from(text, 'utf8'), key, Buffer.from(sig, 'base64'));
}

export const manifestVerifies = (key: string, manifest: string, sig: string) => verifies(key, lessonManifestSigningText(sha256(manifest)), sig);
export const configVerifies = (key: string, document: string, sig: string) => verifies(key, configDocumentSigningText(sha256(document)), sig);
export const endorsementVerifies = (cityKey: string, contentKey: string, sig: string) => verifies(cityKey, contentKeyEndorsementText(contentKey), sig);

/** Stores the files as blobs and publishes them as the next release. */
export async function publishFiles(hub: TestHub, files: Record<string, string | Uint8Array>, minAppVersion = '0.0.0') {
  const list = [];
  for (const [path, content] of Object.entries(files)) {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    await putBlob(hub.ctx.db, bytes, hub.ctx.now());
    list.push({ path, sha256: sha256(bytes), size: bytes.byteLength });
  }
  return publishLessonRelease(hub.ctx, { files: list, minAppVersion, by: 'test' });
}

/** A signed GET of a station route, with optional extra headers (Range). */
export function signedGet(hub: TestHub, station: StationFixture, path: string, headers: Record<string, string> = {}, ts?: number): Promise<WireAnswer & { raw: Buffer }> {
  return rawInject(hub, 'GET', path, { ...station.signed('GET', path, undefined, ts === undefined ? {} : { ts }).headers, ...headers });
}

export async function rawInject(hub: TestHub, method: 'GET' | 'POST', url: string, headers: Record<string, string>, payload?: Buffer): Promise<WireAnswer & { raw: Buffer }> {
  const response = await hub.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) });
  let body: Record<string, unknown>;
  try {
    body = response.json();
  } catch {
    body = {};
  }
  return { status: response.statusCode, body, headers: response.headers, raw: response.rawPayload };
}

export { injectRaw };
