import { createHash, createHmac, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LEARNER_KEY_V2, legacyLearnerKey, stationLearnerKeys, upgradeLearnerKey } from '../../../electron/station/learners/learner-keys';

const secret = Buffer.alloc(32, 9);
const scan = { kind: 'card', cardId: 'AAAAAAAAAAAAAAAA' } as const;

describe('learner key version 2 (the real parameters)', () => {
  it('is memory-hard: 64 MiB per lane, two lanes', () => {
    expect(128 * LEARNER_KEY_V2.N * LEARNER_KEY_V2.r).toBe(64 * 1024 * 1024);
    expect(LEARNER_KEY_V2.lanes).toBe(2);
  });

  it('is hex(SHA-256(scrypt lanes)) of the version-1 HMAC, computed here independently', async () => {
    const v1 = createHmac('sha256', secret).update('card:AAAAAAAAAAAAAAAA', 'utf8').digest();
    const { N, r, p } = LEARNER_KEY_V2;
    const lanes = [0, 1].map((lane) => scryptSync(v1, `tram-hoc-so/learner-key/v2/lane-${lane}`, 32, { N, r, p, maxmem: 256 * N * r }));
    const expected = createHash('sha256').update(lanes[0] ?? Buffer.alloc(0)).update(lanes[1] ?? Buffer.alloc(0)).digest('hex');
    expect(legacyLearnerKey(secret, scan)).toBe(v1.toString('hex'));
    expect(await stationLearnerKeys(() => secret).keyFor(scan)).toBe(expected);
  });

  it('gives the same person the same key at two stations of the province, and another person another key', async () => {
    const stationA = stationLearnerKeys(() => Buffer.from(secret));
    const stationB = stationLearnerKeys(() => Buffer.from(secret));
    const [a, b, other] = await Promise.all([stationA.keyFor(scan), stationB.keyFor(scan), stationA.keyFor({ kind: 'card', cardId: 'AAAAAAAAAAAAAAAB' })]);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).toBe(b);
    expect(other).not.toBe(a);
    // Never equal to the version-1 key: an old key cannot be mistaken for a new one.
    expect(a).not.toBe(stationA.legacyKeyFor(scan));
  });

  it('upgrades a stored version-1 key to what a scan derives now (re-keying needs no ID number)', async () => {
    const keys = stationLearnerKeys(() => secret);
    expect(await upgradeLearnerKey(keys.legacyKeyFor(scan))).toBe(await keys.keyFor(scan));
  });

  it('refuses something that is not a version-1 key', async () => {
    await expect(upgradeLearnerKey('not hex')).rejects.toThrow(TypeError);
    await expect(upgradeLearnerKey('A'.repeat(64))).rejects.toThrow(TypeError);
  });
});
