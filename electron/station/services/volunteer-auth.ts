/**
 * Volunteer rights: a PIN (scrypt-hashed in the key store; 5 wrong tries lock it, each lockout longer
 * than the last, and the count is kept in the key store so a restart does not clear it) or a
 * volunteer card issued at this station (`TRAMVT1:<random token>`, of which only a SHA-256 is kept).
 * A card is valid for a year and can be revoked at once from the volunteer screen or by a technician
 * (`tram volunteer revoke-card`): a lost card must not open the station to whoever finds it.
 * A learner card (`TRAMHS1:`) can never grant rights: it is a different prefix and carries no token,
 * and no printed QR can match a stored token hash without the token itself. In demo mode, with no
 * PIN set, the demo PIN 1234 (shown on the demo panel) works.
 */
import { createHash, createHmac, randomBytes, randomUUID, scryptSync, timingSafeEqual } from 'node:crypto';
import { afterTry, lockoutCheck, NO_LOCKOUT } from '../../core/attendance/pin-lockout';
import { loadOrCreateKeys, learnerKeySecret, updateKeys } from '../keys/key-store';
import type { VolunteerCardView } from '../../contract/dto';
import { VOLUNTEER_CARD_PREFIX } from '../../core/identity/index';
import { StationError } from '../station-error';

export const DEMO_PIN = '1234';
const SESSION_MS = 30 * 60_000;
/** How long a volunteer card signs in (a Youth Union term is about a year). */
export const VOLUNTEER_CARD_VALID_MS = 365 * 24 * 60 * 60_000;
const SCRYPT = { N: 16384, r: 8, p: 1 } as const;

export interface VolunteerSession {
  readonly volunteerId: string;
  readonly volunteerKey: string;
  readonly expiresWallMs: number;
}

function pinHash(pin: string, salt: Buffer): Buffer {
  return scryptSync(pin, salt, 32, SCRYPT);
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

export class VolunteerAuth {
  readonly #keysPath: string;
  readonly #wallMs: () => number;
  readonly #demoMode: boolean;
  #session: VolunteerSession | null = null;

  constructor(options: { keysPath: string; wallMs: () => number; demoMode: boolean }) {
    this.#keysPath = options.keysPath;
    this.#wallMs = options.wallMs;
    this.#demoMode = options.demoMode;
  }

  /**
   * Sets (or replaces) the PIN: 6 to 8 digits (a 4-digit PIN set earlier still signs in, but no new
   * one is accepted: 10,000 guesses are too few even with lockouts). Clears any lockout.
   */
  setPin(pin: string): void {
    if (!/^\d{6,8}$/.test(pin)) throw new StationError('bad_request', { vi: 'Mã PIN gồm 6 đến 8 chữ số', en: 'The PIN is 6 to 8 digits' });
    const salt = randomBytes(16);
    updateKeys(this.#keysPath, (file) => ({ ...file, volunteerPin: { salt: salt.toString('base64'), hash: pinHash(pin, salt).toString('base64') }, pinLockout: NO_LOCKOUT }));
  }

  /** Checks a PIN, with lockout. Returns the session or throws a typed error. */
  signInWithPin(pin: string): VolunteerSession {
    const now = this.#wallMs();
    const keys = loadOrCreateKeys(this.#keysPath);
    const check = lockoutCheck(keys.pinLockout, now);
    if (!check.allowed) {
      const minutes = Math.ceil((check.untilMs - now) / 60_000);
      throw new StationError('locked', { vi: `Đã khoá vì nhập sai nhiều lần, thử lại sau ${minutes} phút`, en: `Locked after wrong tries; try again in ${minutes} min` });
    }
    const stored = keys.volunteerPin;
    let isRight: boolean;
    if (stored) {
      const expected = Buffer.from(stored.hash, 'base64');
      const given = pinHash(pin, Buffer.from(stored.salt, 'base64'));
      isRight = given.length === expected.length && timingSafeEqual(given, expected);
    } else isRight = this.#demoMode && pin === DEMO_PIN;
    const next = afterTry(keys.pinLockout, isRight, now);
    if (JSON.stringify(next) !== JSON.stringify(keys.pinLockout)) updateKeys(this.#keysPath, (file) => ({ ...file, pinLockout: next }));
    if (!isRight) {
      if (!stored && !this.#demoMode) throw new StationError('no_pin', { vi: 'Trạm chưa có mã PIN, cần kỹ thuật viên đặt', en: 'No PIN set on this station' });
      throw new StationError('wrong_pin', { vi: 'Mã PIN chưa đúng', en: 'Wrong PIN' });
    }
    return this.#open('pin');
  }

  /** Signs in with a scanned volunteer card; null when the text is not a volunteer card at all. */
  signInWithCard(text: string): VolunteerSession | null {
    if (!text.startsWith(VOLUNTEER_CARD_PREFIX)) return null;
    return this.signInWithToken(text.slice(VOLUNTEER_CARD_PREFIX.length).trim());
  }

  /** Signs in with the token of a scan classified as a volunteer card (core/identity/classify-scan.ts). */
  signInWithToken(token: string): VolunteerSession {
    const hash = sha256(token);
    const card = loadOrCreateKeys(this.#keysPath).volunteerCards.find((candidate) => timingSafeEqual(Buffer.from(candidate.tokenSha256), Buffer.from(hash)));
    if (!card) throw new StationError('unknown_volunteer_card', { vi: 'Thẻ tình nguyện viên không hợp lệ', en: 'Unknown volunteer card' });
    const state = cardState(card, this.#wallMs());
    if (state === 'revoked') throw new StationError('volunteer_card_revoked', { vi: 'Thẻ tình nguyện viên này đã bị thu hồi', en: 'This volunteer card was revoked' });
    if (state === 'expired') throw new StationError('volunteer_card_expired', { vi: 'Thẻ tình nguyện viên đã hết hạn, hãy xin thẻ mới', en: 'This volunteer card has expired' });
    return this.#open(card.id);
  }

  /** The cards issued at this station, newest first. */
  listCards(): VolunteerCardView[] {
    const now = this.#wallMs();
    return loadOrCreateKeys(this.#keysPath)
      .volunteerCards.map((card) => ({ id: card.id, label: card.label, issuedWallMs: card.issuedWallMs, expiresWallMs: expiryOf(card), state: cardState(card, now) }))
      .sort((a, b) => b.issuedWallMs - a.issuedWallMs);
  }

  /**
   * Revokes a card (a volunteer on the screen, or a technician's CLI); a session opened with it ends.
   * An unknown id is a `not_found` error; revoking twice keeps the first time.
   */
  revokeCard(id: string): VolunteerCardView[] {
    if (!loadOrCreateKeys(this.#keysPath).volunteerCards.some((card) => card.id === id)) {
      throw new StationError('not_found', { vi: 'Không có thẻ này', en: 'No such volunteer card' });
    }
    const now = Math.floor(this.#wallMs());
    updateKeys(this.#keysPath, (file) => ({ ...file, volunteerCards: file.volunteerCards.map((card) => (card.id === id && card.revokedWallMs === null ? { ...card, revokedWallMs: now } : card)) }));
    if (this.#session?.volunteerId === id) this.#session = null;
    return this.listCards();
  }

  /** Issues a new volunteer card; returns the QR payload (shown once, never stored). */
  issueCard(label: string): { id: string; payload: string } {
    this.requireSession();
    const token = randomBytes(24).toString('base64url');
    const id = randomUUID();
    const issuedWallMs = Math.floor(this.#wallMs());
    updateKeys(this.#keysPath, (file) => ({
      ...file,
      volunteerCards: [...file.volunteerCards, { id, label, tokenSha256: sha256(token), issuedWallMs, expiresWallMs: issuedWallMs + VOLUNTEER_CARD_VALID_MS, revokedWallMs: null }],
    }));
    return { id, payload: `${VOLUNTEER_CARD_PREFIX}${token}` };
  }

  /** The open session, refreshed; throws `forbidden` when no volunteer is signed in. */
  requireSession(): VolunteerSession {
    const session = this.#session;
    if (!session || session.expiresWallMs < this.#wallMs()) {
      this.#session = null;
      throw new StationError('forbidden', { vi: 'Cần tình nguyện viên đăng nhập', en: 'A volunteer must sign in' });
    }
    this.#session = { ...session, expiresWallMs: this.#wallMs() + SESSION_MS };
    return this.#session;
  }

  isSignedIn(): boolean {
    return this.#session !== null && this.#session.expiresWallMs >= this.#wallMs();
  }

  signOut(): void {
    this.#session = null;
  }

  #open(volunteerId: string): VolunteerSession {
    const secret = learnerKeySecret(loadOrCreateKeys(this.#keysPath));
    // Like a learner key: pseudonymous, stable per volunteer within the city.
    const volunteerKey = createHmac('sha256', secret).update(`volunteer:${volunteerId}`, 'utf8').digest('hex');
    this.#session = { volunteerId, volunteerKey, expiresWallMs: this.#wallMs() + SESSION_MS };
    return this.#session;
  }
}

type StoredCard = { issuedWallMs: number; expiresWallMs?: number | undefined; revokedWallMs: number | null };

function expiryOf(card: StoredCard): number {
  return card.expiresWallMs ?? card.issuedWallMs + VOLUNTEER_CARD_VALID_MS;
}

function cardState(card: StoredCard, nowMs: number): VolunteerCardView['state'] {
  if (card.revokedWallMs !== null) return 'revoked';
  return nowMs >= expiryOf(card) ? 'expired' : 'valid';
}
