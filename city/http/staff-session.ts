/**
 * Staff sign-in and sessions. A session is a random token in a cookie (HttpOnly, SameSite=Strict,
 * Secure when the request came over HTTPS — directly or through a trusted proxy), only its SHA-256
 * stored. Every form carries a CSRF token derived from the session token (so it needs no storage and
 * dies with the session); the sign-in form has its own double-submit cookie. Staff POSTs also check
 * Origin. Sign-in (form, or HTTP Basic on GET for scripts) is throttled per name and per address and
 * its scrypt work goes through the bounded PasswordQueue.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffMember } from '../access/ward-scope';
import { sha256Hex } from '../crypto/ed25519';
import type { HubContext } from '../hub-context';
import { deleteSession, findSessionStaff, findStaff, findStaffPasswordHash, insertSession } from '../store/staff-store';
import type { PasswordQueue } from '../staff/password-queue';
import { clearName, lockedFor, recordFailure } from '../staff/sign-in-throttle';

export const SESSION_COOKIE = 'tram_session';
export const LOGIN_CSRF_COOKIE = 'tram_login';
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

// Verified against when the name is unknown, so a wrong name costs as long as a wrong password.
const DUMMY_HASH = 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=';
const TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

export type SignInResult =
  | { readonly kind: 'ok'; readonly staff: StaffMember }
  | { readonly kind: 'wrong' }
  | { readonly kind: 'locked'; readonly retryAfterS: number }
  | { readonly kind: 'busy' };

/** The signed-in staff member and the CSRF token their forms carry (null for HTTP Basic). */
export interface StaffRequest {
  readonly staff: StaffMember;
  readonly csrf: string | null;
}

function cookieValue(request: FastifyRequest, name: string): string | null {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

function setCookie(request: FastifyRequest, name: string, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${name}=${value}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

/** The CSRF token of a session: a hash of the session token under its own domain prefix. */
export function csrfTokenOf(sessionToken: string): string {
  return Buffer.from(sha256Hex(`tram-hoc-so/csrf/v1\n${sessionToken}`), 'hex').toString('base64url');
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export class StaffSessions {
  constructor(
    private readonly ctx: HubContext,
    private readonly passwords: PasswordQueue,
  ) {}

  /** The signed-in staff member, or null; 'throttled' when HTTP Basic hit the lockout or a full queue. */
  async current(request: FastifyRequest): Promise<StaffRequest | { throttled: number } | null> {
    const token = cookieValue(request, SESSION_COOKIE);
    if (token !== null && TOKEN.test(token)) {
      const name = await findSessionStaff(this.ctx.db, { tokenHash: sha256Hex(token), now: this.ctx.now() });
      const staff = name === null ? null : await findStaff(this.ctx.db, name);
      if (staff !== null) return { staff, csrf: csrfTokenOf(token) };
    }
    // Scripts may send HTTP Basic, on GET only: a browser that cached it must not post forms cross-site.
    const basic = /^Basic ([A-Za-z0-9+/=]{1,400})$/i.exec(request.headers.authorization ?? '');
    if (request.method !== 'GET' || basic?.[1] === undefined) return null;
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon <= 0) return null;
    const result = await this.check(request, decoded.slice(0, colon), decoded.slice(colon + 1));
    if (result.kind === 'ok') return { staff: result.staff, csrf: null };
    if (result.kind === 'locked') return { throttled: result.retryAfterS };
    if (result.kind === 'busy') return { throttled: 1 };
    return null;
  }

  /** Checks a name and password with the lockout and the bounded queue. */
  async check(request: FastifyRequest, name: string, password: string): Promise<SignInResult> {
    const now = this.ctx.now();
    const address = request.ip;
    const locked = await lockedFor(this.ctx.db, { name, address, now });
    if (locked > 0) return { kind: 'locked', retryAfterS: Math.ceil(locked / 1000) };
    const stored = name.length > 200 ? null : await findStaffPasswordHash(this.ctx.db, name);
    const verdict = await this.passwords.check(password, stored ?? DUMMY_HASH);
    if (verdict === 'busy') return { kind: 'busy' };
    const staff = stored !== null && verdict === 'match' ? await findStaff(this.ctx.db, name) : null;
    if (staff === null) {
      await recordFailure(this.ctx.db, { name, address, now });
      return { kind: 'wrong' };
    }
    await clearName(this.ctx.db, name);
    return { kind: 'ok', staff };
  }

  /** Checks a name and password; on success starts a session and sets its cookie. */
  async signIn(request: FastifyRequest, reply: FastifyReply, name: string, password: string): Promise<SignInResult> {
    const result = await this.check(request, name, password);
    if (result.kind !== 'ok') return result;
    const token = randomBytes(32).toString('base64url');
    const now = this.ctx.now();
    await insertSession(this.ctx.db, { tokenHash: sha256Hex(token), staffName: result.staff.name, now, expiresAt: now + SESSION_TTL_MS });
    reply.header('set-cookie', [setCookie(request, SESSION_COOKIE, token, SESSION_TTL_MS / 1000), setCookie(request, LOGIN_CSRF_COOKIE, '', 0)]);
    return result;
  }

  /** Ends the current session, if any, and clears the cookie. */
  async signOut(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const token = cookieValue(request, SESSION_COOKIE);
    if (token !== null) await deleteSession(this.ctx.db, sha256Hex(token));
    reply.header('set-cookie', setCookie(request, SESSION_COOKIE, '', 0));
  }

  /** A fresh token for the sign-in form, set as its double-submit cookie. */
  loginCsrf(request: FastifyRequest, reply: FastifyReply): string {
    const token = cookieValue(request, LOGIN_CSRF_COOKIE);
    if (token !== null && TOKEN.test(token)) return token;
    const fresh = randomBytes(24).toString('base64url');
    reply.header('set-cookie', setCookie(request, LOGIN_CSRF_COOKIE, fresh, 3600));
    return fresh;
  }

  /** True when the sign-in form's token matches its cookie. */
  loginCsrfOk(request: FastifyRequest, given: string | undefined): boolean {
    const token = cookieValue(request, LOGIN_CSRF_COOKIE);
    return token !== null && given !== undefined && sameSecret(given, token);
  }
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
