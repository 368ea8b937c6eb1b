/**
 * What the fleet code needs beyond the hub context, loaded once per context: the content key, the
 * receipt key's endorsement of it, and the secret behind each station's app-feed address. The first
 * hub to serve a database records the content public key there; a hub started with another content
 * key file refuses (ContentKeyMismatchError) instead of signing what stations would refuse.
 */
import { randomBytes } from 'node:crypto';
import { loadOrCreateContentKey } from '../crypto/content-key';
import type { ContentKey } from '../crypto/content-key';
import type { HubContext } from '../hub-context';

export interface FleetContext {
  readonly contentKey: ContentKey;
  /** The receipt key's signature over the content key (docs/PROTOCOL.md §11.1). */
  readonly endorsement: string;
  /** 32 random bytes (hex), the HMAC key of app-feed addresses. */
  readonly feedSecret: string;
}

export class ContentKeyMismatchError extends Error {
  override readonly name = 'ContentKeyMismatchError';
}

const contexts = new WeakMap<HubContext, Promise<FleetContext>>();

/** The fleet context of a hub context (loaded on first use, then shared). */
export function fleetContext(ctx: HubContext): Promise<FleetContext> {
  let loading = contexts.get(ctx);
  if (loading === undefined) {
    loading = loadFleetContext(ctx);
    contexts.set(ctx, loading);
    loading.catch(() => contexts.delete(ctx));
  }
  return loading;
}

async function loadFleetContext(ctx: HubContext): Promise<FleetContext> {
  const contentKey = await loadOrCreateContentKey(ctx.dataDir);
  await ctx.db.query(
    'INSERT INTO fleet_identity (singleton, content_public_key, feed_secret, recorded_at) VALUES (true, $1, $2, $3) ON CONFLICT (singleton) DO NOTHING',
    [contentKey.publicKeyB64, randomBytes(32).toString('hex'), ctx.now()],
  );
  const row = (await ctx.db.query<{ content_public_key: string; feed_secret: string }>('SELECT content_public_key, feed_secret FROM fleet_identity'))[0];
  if (row === undefined) throw new Error('fleet_identity has no row');
  if (row.content_public_key !== contentKey.publicKeyB64) {
    throw new ContentKeyMismatchError(
      `Tệp khóa nội dung ${contentKey.path} không khớp với cơ sở dữ liệu. · The content key file ${contentKey.path} is not the one this database was first served with ` +
        `(recorded ${row.content_public_key.slice(0, 12)}…, this file ${contentKey.publicKeyB64.slice(0, 12)}…): every hub process on one database needs the same city-content-key.json.`,
    );
  }
  return { contentKey, endorsement: ctx.keys.endorseContentKey(contentKey.publicKeyB64), feedSecret: row.feed_secret };
}

/** The two fields every fleet answer carries. */
export function contentKeyFields(fleet: FleetContext): { content_key: string; content_key_endorsement: string } {
  return { content_key: fleet.contentKey.publicKeyB64, content_key_endorsement: fleet.endorsement };
}
