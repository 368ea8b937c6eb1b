import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeEventHash, ZERO_HASH } from '../../../electron/core/sync/protocol/event-hash';
import { sha256Hex } from '../../../electron/station/crypto/node-hash';
import { recordAcknowledgement } from '../../../electron/station/store/sync-state';
import { verifyLog } from '../../../electron/station/db/verify-log';
import { LEARNER_A, openTestLog, tempDir } from '../../support/station-db';

describe('EventLog', () => {
  let temp: ReturnType<typeof tempDir>;
  let ctx: ReturnType<typeof openTestLog>;

  beforeEach(() => {
    temp = tempDir();
    ctx = openTestLog(`${temp.dir}/s.sqlite`);
  });
  afterEach(() => {
    ctx.db.close();
    temp.cleanup();
  });

  const checkin = (visit: string) => ({ kind: 'attendance.checkin' as const, payload: { learner_key: LEARNER_A, visit_id: visit, method: 'hid-pos' as const } });

  it('writes gapless, hash-chained events in epoch 1 starting from 64 zeros', () => {
    const { rows } = ctx.log.append([checkin('v1'), checkin('v2')]);
    expect(rows.map((row) => row.seq)).toEqual([1, 2]);
    expect(rows[0]?.prev_hash).toBe(ZERO_HASH);
    expect(rows[1]?.prev_hash).toBe(rows[0]?.hash);
    const { hash, ...unhashed } = rows[1]!;
    expect(computeEventHash(sha256Hex, '06688-01', 1, unhashed)).toBe(hash);
    expect(rows[0]?.payload).toBe(`{"learner_key":"${LEARNER_A}","method":"hid-pos","visit_id":"v1"}`);
    expect(ctx.log.head()).toMatchObject({ epoch: 1, seq: 2, hash: rows[1]?.hash });
  });

  it('tells listeners after each committed append, never after a refused one, and a throwing listener changes nothing', () => {
    const heads: number[] = [];
    const stop = ctx.log.onAppended(() => heads.push(ctx.log.head().seq));
    ctx.log.onAppended(() => {
      throw new Error('listener bug');
    });
    ctx.log.append([checkin('v1'), checkin('v2')]);
    expect(() => ctx.log.append([{ kind: 'attendance.checkin', payload: { learner_key: 'nope', visit_id: 'v3', method: 'hid-pos' } }])).toThrow();
    expect(() =>
      ctx.log.append([checkin('v4')], () => {
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    ctx.log.append([checkin('v5')]);
    expect(heads).toEqual([2, 3]);
    stop();
    ctx.log.append([checkin('v6')]);
    expect(heads).toEqual([2, 3]);
  });

  it('gives a never-decreasing HLC even when the wall clock goes back', () => {
    const first = ctx.log.append([checkin('v1')]).rows[0]!;
    ctx.clock.wall -= 3_600_000; // set back one hour; monotonic time keeps going
    ctx.clock.mono += 10;
    const { rows } = ctx.log.append([checkin('v2')]);
    expect(rows.map((row) => row.kind)).toEqual(['clock.jump', 'attendance.checkin']);
    expect(rows[0]!.hlc > first.hlc).toBe(true);
    expect(rows[1]!.hlc > rows[0]!.hlc).toBe(true);
    expect(JSON.parse(rows[0]!.payload)).toEqual({ from_ms: first.wall_ms + 10, to_ms: first.wall_ms - 3_600_000 });
  });

  it('writes derived rows in the same transaction, and rolls everything back when they fail', () => {
    ctx.log.append([checkin('v1')], (db) => {
      db.prepare("INSERT INTO visits (visit_id, learner_key, method, started_wall_ms) VALUES ('v1', ?, 'hid-pos', 1)").run(LEARNER_A);
    });
    expect(() =>
      ctx.log.append([checkin('v2')], (db) => {
        db.prepare("INSERT INTO visits (visit_id, learner_key, method, started_wall_ms) VALUES ('v1', ?, 'hid-pos', 1)").run(LEARNER_A);
      }),
    ).toThrow(/UNIQUE/);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    expect(ctx.log.head().seq).toBe(1);
    expect(ctx.log.append([checkin('v3')]).rows[0]?.seq).toBe(2);
  });

  it('refuses an invalid payload before the transaction, with a typed error', () => {
    const bad = { kind: 'attendance.checkin', payload: { learner_key: LEARNER_A, visit_id: 'v1', method: 'hid-pos', name: 'Nguyễn Văn A' } };
    expect(() => ctx.log.append([bad as never])).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(() => ctx.log.append([{ kind: 'nope', payload: {} } as never])).toThrow(expect.objectContaining({ code: 'bad_request' }));
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 0 });
  });

  it('refuses UPDATE and DELETE of events, and inserts that do not continue the head', () => {
    ctx.log.append([checkin('v1')]);
    expect(() => ctx.db.prepare("UPDATE events SET payload = '{}'").run()).toThrow(/append-only/);
    expect(() => ctx.db.prepare('DELETE FROM events').run()).toThrow(/only acknowledged/);
    expect(() =>
      ctx.db
        .prepare("INSERT INTO events VALUES (1, 5, 'x', 'k', '{}', 0, 'h', 'b', 0, ?, ?)")
        .run(ZERO_HASH, ZERO_HASH),
    ).toThrow(/does not continue/);
  });

  it('allows deleting only acknowledged events', () => {
    ctx.log.append([checkin('v1'), checkin('v2'), checkin('v3')]);
    const head = ctx.log.head();
    recordAcknowledgement(ctx.db, { epoch: 1, ackedSeq: 2, ackedHash: 'x'.repeat(64), receipt: null, serverTimeMs: null }, 0);
    expect(ctx.db.prepare('DELETE FROM events WHERE seq <= 2').run().changes).toBe(2);
    expect(() => ctx.db.prepare('DELETE FROM events WHERE seq = 3').run()).toThrow(/only acknowledged/);
    expect(ctx.log.head()).toMatchObject({ seq: head.seq, hash: head.hash });
  });

  it('starts a new epoch from the acknowledged head of the previous one', () => {
    const { rows } = ctx.log.append([checkin('v1')]);
    recordAcknowledgement(ctx.db, { epoch: 1, ackedSeq: 1, ackedHash: rows[0]!.hash, receipt: null, serverTimeMs: null }, 0);
    expect(ctx.log.startEpoch('restored-backup')).toBe(2);
    const next = ctx.log.append([checkin('v2')]).rows[0]!;
    expect(next).toMatchObject({ seq: 1, prev_hash: rows[0]!.hash });
    expect(verifyLog(ctx.db, { sha256Hex })).toMatchObject({ ok: true, epochs: 2, events: 2 });
  });

  it('reports a full disk as storage_full, writes nothing, and resumes when space returns', () => {
    ctx.log.append([checkin('v0')]);
    const pages = ctx.db.pragma('page_count', { simple: true }) as number;
    ctx.db.pragma(`max_page_count = ${pages}`);
    const big = Array.from({ length: 400 }, (_, i) => checkin(`full-${i}`));
    expect(() => ctx.log.append(big)).toThrow(expect.objectContaining({ code: 'storage_full' }));
    expect(ctx.log.head().seq).toBe(1);
    expect(ctx.db.prepare('SELECT COUNT(*) AS n FROM events').get()).toEqual({ n: 1 });
    ctx.db.pragma('max_page_count = 1073741823');
    expect(ctx.log.append(big).rows.at(-1)?.seq).toBe(401);
    expect(verifyLog(ctx.db, { sha256Hex }).ok).toBe(true);
  });
});
