/**
 * Deterministic province-scale traffic for the hub-scale bench: learner n is served by station
 * n mod S, in that station's ward, and writes exactly six events — registration (one in ten names
 * another ward), check-in, lesson start, a failed quiz, a pass, and a pass of a second lesson — on a
 * day spread evenly over one year. Because every learner is six events, a station's acknowledged seq
 * says how many of its learners are stored, so an interrupted seed resumes from the hub's cursors.
 *
 * Events are correctly chained and hashed (docs/PROTOCOL.md §4); payloads are canonical JSON written from
 * templates (checked against canonicalJson once at start-up) because the bench makes millions.
 */
import { createHash, generateKeyPairSync, randomUUID, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalJson } from '../../../electron/core/sync/protocol/canonical-json';
import { computeEventHash, ZERO_HASH } from '../../../electron/core/sync/protocol/event-hash';
import { VIETNAM_OFFSET_MS } from '../../../electron/core/sync/protocol/vietnam-time';
import type { ChainedEvent } from '../../../electron/core/sync/protocol/event-hash';

export const EVENTS_PER_LEARNER = 6;
export const LEARNERS_PER_BATCH = 83; // 498 events: one upload of at most 500
const YEAR_START_MS = Date.UTC(2025, 6, 1) - VIETNAM_OFFSET_MS; // 1 July 2025, 00:00 in Vietnam
const YEAR_MS = 365 * 86_400_000;
const LESSONS = ['mat-khau-otp', 'kiem-chung-thong-tin', 'dich-vu-cong', 'thanh-toan-so', 'mang-xa-hoi', 'an-toan-tre-em'];

export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The province the bench plays: Quảng Ninh (code 22), as the hub serves it since July 2025. */
export const BENCH_PROVINCE = '22';

/**
 * Its 54 communes and wards, with their real codes from the hub's unit list, so the hub (which serves
 * one province, docs/PROTOCOL.md §10) counts every registration in its own ward, as it would there.
 */
export const WARDS: readonly string[] = readFileSync(join(import.meta.dirname, '..', '..', '..', 'city', 'units', 'admin-units-2025.csv'), 'utf8')
  .split('\n')
  .map((line) => line.split(','))
  .filter((cells) => cells[3] === BENCH_PROVINCE)
  .map((cells) => cells[0] ?? '');
if (WARDS.length !== 54) throw new Error(`expected the 54 communes and wards of province ${BENCH_PROVINCE}, found ${WARDS.length}`);

export interface ScaleStation {
  readonly stationId: string;
  readonly ward: string;
  readonly index: number;
  readonly privateKey: KeyObject;
  readonly publicKeyB64: string;
}

/** A new Ed25519 station identity (public key as b64 of the raw 32 bytes). */
export function newStation(stationId: string, ward: string, index: number): ScaleStation {
  const pair = generateKeyPairSync('ed25519');
  const jwk = pair.publicKey.export({ format: 'jwk' });
  return { stationId, ward, index, privateKey: pair.privateKey, publicKeyB64: Buffer.from(String(jwk.x), 'base64url').toString('base64') };
}

/** Signs bytes with a station key (b64), as the Authorization header needs. */
export function signText(station: ScaleStation, text: string): string {
  return sign(null, Buffer.from(text, 'utf8'), station.privateKey).toString('base64');
}

export function learnerKey(prefix: string, n: number): string {
  return sha256Hex(`${prefix}:${n}`);
}

const payload = {
  registered: (key: string, birthYear: number, gender: string, ward: string) =>
    `{"birth_year":${birthYear},"consent_version":"2025-1","gender":"${gender}","learner_key":"${key}","method":"hid-pos","ward_code":"${ward}"}`,
  checkin: (key: string, visit: string) => `{"learner_key":"${key}","method":"hid-pos","visit_id":"${visit}"}`,
  started: (key: string, visit: string, lesson: string) => `{"learner_key":"${key}","lesson_id":"${lesson}","lesson_version":1,"visit_id":"${visit}"}`,
  completed: (key: string, visit: string, lesson: string, passed: boolean) =>
    `{"assisted":false,"learner_key":"${key}","lesson_id":"${lesson}","lesson_version":1,"passed":${passed},"score":${passed ? 4 : 2},"visit_id":"${visit}"}`,
};

/** Throws unless the templates write canonical JSON. */
export function checkPayloadTemplates(): void {
  const samples = [payload.registered('a', 1960, 'nu', '22000'), payload.checkin('a', 'v'), payload.started('a', 'v', 'l'), payload.completed('a', 'v', 'l', true)];
  for (const text of samples) if (canonicalJson(JSON.parse(text) as never) !== text) throw new Error(`payload template is not canonical: ${text}`);
}

/** The chain state of one station's epoch. */
export interface ChainHead {
  seq: number;
  hash: string;
}

export function chainStart(): ChainHead {
  return { seq: 0, hash: ZERO_HASH };
}

/**
 * Events of learners `numbers` (in order) for one station, chained after `head` (which moves).
 * `totalLearners` spreads the days over a year; `prefix` keeps key spaces of separate runs apart.
 */
export function learnerEvents(station: ScaleStation, head: ChainHead, numbers: readonly number[], p: { totalLearners: number; prefix: string; wards: readonly string[] }): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  const bootId = `boot-${station.stationId}`;
  for (const n of numbers) {
    const key = learnerKey(p.prefix, n);
    const visit = randomUUID();
    const lesson = LESSONS[n % LESSONS.length] ?? 'x';
    const second = LESSONS[(n + 1) % LESSONS.length] ?? 'y';
    const ward = n % 10 === 0 ? (p.wards[(n >> 4) % p.wards.length] ?? station.ward) : station.ward;
    const at = YEAR_START_MS + Math.floor((n / p.totalLearners) * YEAR_MS) + (n % 3_600) * 1000;
    const texts: [string, string][] = [
      ['learner.registered', payload.registered(key, 1940 + (n % 70), n % 2 === 0 ? 'nu' : 'nam', ward)],
      ['attendance.checkin', payload.checkin(key, visit)],
      ['lesson.started', payload.started(key, visit, lesson)],
      ['lesson.completed', payload.completed(key, visit, lesson, false)],
      ['lesson.completed', payload.completed(key, visit, lesson, true)],
      ['lesson.completed', payload.completed(key, visit, second, true)],
    ];
    texts.forEach(([kind, text], i) => {
      const wallMs = at + i * 60_000;
      head.seq += 1;
      const base = {
        seq: head.seq,
        event_id: randomUUID(),
        kind,
        payload: text,
        wall_ms: wallMs,
        hlc: `${String(wallMs).padStart(13, '0')}-0000`,
        boot_id: bootId,
        mono_ms: head.seq * 1000,
        prev_hash: head.hash,
      };
      const hash = computeEventHash(sha256Hex, station.stationId, 1, base);
      events.push({ ...base, hash });
      head.hash = hash;
    });
  }
  return events;
}
