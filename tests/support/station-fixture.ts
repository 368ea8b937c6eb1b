/**
 * A self-contained test station for the sync protocol (docs/PROTOCOL.md §1–§7): an Ed25519 key pair,
 * a correctly hashed event chain per epoch, signed request headers, upload batches and signed
 * sneakernet bundles. Depends only on node:crypto, node:zlib and the pure protocol modules, so the
 * hub's tests and the station's tests can both drive the wire with it.
 */
import { createHash, createHmac, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { formatAuthorization, NO_NONCE } from '../../electron/core/sync/protocol/authorization-header';
import { bundleSignedText } from '../../electron/core/sync/protocol/bundle-text';
import { canonicalJson } from '../../electron/core/sync/protocol/canonical-json';
import type { JsonValue } from '../../electron/core/sync/protocol/canonical-json';
import { computeEventHash, ZERO_HASH } from '../../electron/core/sync/protocol/event-hash';
import type { ChainedEvent } from '../../electron/core/sync/protocol/event-hash';
import { requestSigningText } from '../../electron/core/sync/protocol/signed-messages';

export const sha256Hex = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

/** The learner key a station derives (§1): hex HMAC-SHA256 under the city learner key. */
export function learnerKeyFor(cityLearnerKeyB64: string, id: string, scheme: 'cccd' | 'card' = 'cccd'): string {
  return createHmac('sha256', Buffer.from(cityLearnerKeyB64, 'base64')).update(`${scheme}:${id}`, 'utf8').digest('hex');
}

/** Canonical payload texts of the §6 kinds the reports read. */
export const payloads = {
  registered: (learnerKey: string, birthYear: number, gender: 'nam' | 'nu' | null, wardCode: string | null) =>
    canonicalJson({ learner_key: learnerKey, birth_year: birthYear, gender, ward_code: wardCode, method: 'hid-pos', consent_version: '2025-1' }),
  checkin: (learnerKey: string, visitId = randomUUID()) => canonicalJson({ learner_key: learnerKey, visit_id: visitId, method: 'hid-pos' }),
  lessonCompleted: (learnerKey: string, lessonId: string, passed = true) =>
    canonicalJson({ learner_key: learnerKey, visit_id: randomUUID(), lesson_id: lessonId, lesson_version: 1, score: 4, passed, assisted: false }),
  boot: () => canonicalJson({ app_version: '0.1.0', config_version: 1 }),
  erased: (learnerKey: string) => canonicalJson({ learner_key: learnerKey }),
  rekeyed: (learnerKey: string, previousKey: string) => canonicalJson({ learner_key: learnerKey, previous_key: previousKey }),
};

export interface SignedRequest {
  readonly headers: Record<string, string>;
  readonly payload: Buffer | undefined;
}

export interface BatchBody {
  epoch: number;
  first_seq: number;
  last_seq: number;
  prev_hash: string;
  events: ChainedEvent[];
  app_version: string;
  [extra: string]: unknown;
}

export class StationFixture {
  publicKeyB64: string;
  privateKey: KeyObject;
  epoch = 1;
  startHash = ZERO_HASH;
  /** The chain of the current epoch; `events[i].seq === i + 1`. */
  events: ChainedEvent[] = [];
  /** Wall clock of the next event (deterministic unless set). */
  wallMs = 1_767_000_000_000;
  readonly bootId = randomUUID();

  constructor(readonly stationId: string) {
    const pair = StationFixture.newKeyPair();
    this.privateKey = pair.privateKey;
    this.publicKeyB64 = pair.publicKeyB64;
  }

  /** A fresh Ed25519 pair with its public key as b64 of the raw 32 bytes. */
  static newKeyPair(): { privateKey: KeyObject; publicKeyB64: string } {
    const pair = generateKeyPairSync('ed25519');
    const jwk = pair.publicKey.export({ format: 'jwk' });
    return { privateKey: pair.privateKey, publicKeyB64: Buffer.from(String(jwk.x), 'base64url').toString('base64') };
  }

  /** A new key pair, as a re-installed station would make before enrolling again. */
  rotateKey(): void {
    const pair = StationFixture.newKeyPair();
    this.privateKey = pair.privateKey;
    this.publicKeyB64 = pair.publicKeyB64;
  }

  /** After (re-)enrolment: a new epoch whose chain starts at `startHash`. */
  startEpoch(epoch: number, startHash: string): void {
    this.epoch = epoch;
    this.startHash = startHash;
    this.events = [];
  }

  /** Appends one correctly chained event; `overrides` may break it on purpose (hash is recomputed unless given). */
  append(kind = 'station.boot', payload = payloads.boot(), overrides: Partial<ChainedEvent> = {}): ChainedEvent {
    const seq = this.events.length + 1;
    const prev = this.events.at(-1)?.hash ?? this.startHash;
    this.wallMs += 1000;
    const base = {
      seq,
      event_id: randomUUID(),
      kind,
      payload,
      wall_ms: this.wallMs,
      hlc: `${String(this.wallMs).padStart(13, '0')}-0000`,
      boot_id: this.bootId,
      mono_ms: seq * 1000,
      prev_hash: prev,
      ...overrides,
    };
    const event: ChainedEvent = { ...base, hash: overrides.hash ?? computeEventHash(sha256Hex, this.stationId, this.epoch, base) };
    this.events.push(event);
    return event;
  }

  /** Appends `count` boot events. */
  appendMany(count: number): void {
    for (let i = 0; i < count; i += 1) this.append();
  }

  /** The §5 body for seqs `first..last` of the current epoch. */
  batch(first: number, last: number): BatchBody {
    const events = this.events.slice(first - 1, last);
    const prev = first === 1 ? this.startHash : (this.events[first - 2]?.hash ?? this.startHash);
    return { epoch: this.epoch, first_seq: first, last_seq: last, prev_hash: prev, events, app_version: '0.1.0-test' };
  }

  /** Signed headers for a request; the body is signed uncompressed and sent gzip when asked. */
  signed(method: string, path: string, body?: unknown, options: { nonce?: string; ts?: number; gzip?: boolean; key?: KeyObject } = {}): SignedRequest {
    const raw = body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(body) ? body : Buffer.from(JSON.stringify(body), 'utf8');
    const ts = options.ts ?? Date.now();
    const nonce = options.nonce ?? NO_NONCE;
    const text = requestSigningText(method, path, sha256Hex(method === 'GET' ? Buffer.alloc(0) : raw), ts, nonce);
    const sig = sign(null, Buffer.from(text, 'utf8'), options.key ?? this.privateKey).toString('base64');
    const headers: Record<string, string> = { authorization: formatAuthorization({ stationId: this.stationId, ts, nonce, sig }) };
    if (method === 'GET') return { headers, payload: undefined };
    headers['content-type'] = 'application/json';
    if (options.gzip === true) headers['content-encoding'] = 'gzip';
    return { headers, payload: options.gzip === true ? gzipSync(raw) : raw };
  }

  /** A signed §7 bundle (gzip JSON) for seqs `first..last`; `mutate` runs after signing, `extra` before. */
  bundle(first: number, last: number, mutate?: (bundle: Record<string, unknown>) => void, extra: Record<string, JsonValue> = {}): Buffer {
    const { app_version: _appVersion, ...batch } = this.batch(first, last);
    const body: Record<string, unknown> = { station_id: this.stationId, ...batch, ...extra };
    const sig = sign(null, Buffer.from(bundleSignedText(sha256Hex, body as { [key: string]: JsonValue }), 'utf8'), this.privateKey).toString('base64');
    const signedBundle: Record<string, unknown> = { ...body, sig };
    mutate?.(signedBundle);
    return gzipSync(Buffer.from(JSON.stringify(signedBundle), 'utf8'));
  }

  /** The §2 enrolment body. */
  enrolBody(code: string): Record<string, string> {
    return { station_id: this.stationId, public_key: this.publicKeyB64, enrolment_code: code, app_version: '0.1.0-test' };
  }
}

/** A fresh station id unique to this test run, under `ward`. */
export function uniqueStationId(ward: string): string {
  return `${ward}-${randomUUID().slice(0, 8).toUpperCase()}`;
}
