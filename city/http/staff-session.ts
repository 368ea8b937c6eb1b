/**
 * Staff sessions: a random token in a cookie (HttpOnly, SameSite=Strict, Secure over HTTPS), only its
 * SHA-256 stored. SameSite=Strict plus an Origin check on every staff POST keeps other sites from
 * submitting forms with the staff member's cookie.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { sha256Hex } from '../crypto/ed25519';
import type { HubContext } from '../hub-context';
import { deleteSession, findSessionStaff, findStaffPasswordHash, insertSession } from '../store/staff-store';
import { verifyPassword } from '../staff/password';

export const SESSION_COOKIE = 'tram_session';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

// Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';

function sessionToken(request: FastifyRequest): string | null {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === SESSION_COOKIE) return part.slice(eq + 1).trim();
  }
  return null;
}

function cookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

/**
 * The signed-in staff member, or null. Scripts reading reports may instead send HTTP Basic
 * credentials, on GET only: a browser that cached them must not be able to post forms cross-site.
 */
export async function currentStaff(ctx: HubContext, request: FastifyRequest): Promise<string | null> {
  const token = sessionToken(request);
  if (token !== null && /^[A-Za-z0-9_-]{20,100}$/.test(token)) {
    const name = await findSessionStaff(ctx.db, { tokenHash: sha256Hex(token), now: ctx.now() });
    if (name !== null) return name;
  }
  const basic = /^Basic ([A-Za-z0-9+/=]{1,400})$/i.exec(request.headers.authorization ?? '');
  if (request.method !== 'GET' || basic?.[1] === undefined) return null;
  const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return null;
  const name = decoded.slice(0, colon);
  const stored = await findStaffPasswordHash(ctx.db, name);
  const matches = await verifyPassword(decoded.slice(colon + 1), stored ?? DUMMY_HASH);
  return stored !== null && matches ? name : null;
}

/** Checks a name and password; on success starts a session and sets its cookie. */
export async function signIn(ctx: HubContext, request: FastifyRequest, reply: FastifyReply, name: string, password: string): Promise<boolean> {
  const stored = await findStaffPasswordHash(ctx.db, name);
  const matches = await verifyPassword(password, stored ?? DUMMY_HASH);
  if (stored === null || !matches) return false;
  const token = randomBytes(32).toString('base64url');
  const now = ctx.now();
  await insertSession(ctx.db, { tokenHash: sha256Hex(token), staffName: name, now, expiresAt: now + SESSION_TTL_MS });
  reply.header('set-cookie', cookie(request, token, SESSION_TTL_MS / 1000));
  return true;
}

/** Ends the current session, if any, and clears the cookie. */
export async function signOut(ctx: HubContext, request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = sessionToken(request);
  if (token !== null) await deleteSession(ctx.db, sha256Hex(token));
  reply.header('set-cookie', cookie(request, '', 0));
}

/** False when a browser says the POST comes from another site. */
export function isSameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined || origin === 'null') return origin === undefined;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
