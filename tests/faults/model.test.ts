// Model-based test (reference/sync.md §5 #22) with fast-check `commands`: random sequences of
// record / upload under a fault / station crash / clock jump / hub restore / revoke → re-enrol /
// station restored from its backup → re-enrol / heal, against a real station and a real hub behind
// the fault proxy. After every command the always-true invariants hold
// (no duplicate, no phantom, chains verify, monotonic acks, no loss unless the hub was just
// restored); after the final heal and drain, all of them including convergence. On a failure
// fast-check shrinks to the smallest command sequence and prints it with its seed.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findEpoch, revokeStation } from '../../city/store/station-store';
import { backupDatabase } from '../../electron/station/db/backup';
import { readAcknowledgement } from '../../electron/station/store/sync-state';
import { startFaultProxy } from '../support/fault-proxy';
import type { CutRule, FaultProxy } from '../support/fault-proxy';
import { rewindStation, startFaultHub } from './fault-hub';
import type { FaultHub } from './fault-hub';
import { FAST_ENGINE, FaultStation } from './fault-station';
import type { WrittenEvent } from './fault-station';
import { invariantViolations, stationInput } from './invariants';

const UPLOAD = 'POST /v1/stations/';
const FAULTS = ['ok', 'dropRequest', 'dropResponse', 'fail5xxBeforeCommit', 'fail5xxAfterCommit', 'duplicate', 'reorder', 'hang'] as const;
type Fault = (typeof FAULTS)[number];

interface Model {
  /** The hub lost rows the station has not heard about yet (only a heal promises the re-send). */
  rolledBack: boolean;
  /** Events of the station's lives before a restore from its backup (the phantom check needs them). */
  readonly earlier: WrittenEvent[];
}

interface Real {
  readonly station: FaultStation;
}

let hub: FaultHub;
let proxy: FaultProxy;

async function checkAlways(model: Model, real: Real, after: string): Promise<void> {
  const problems = await invariantViolations({ ...stationInput(real.station, hub.ctx.db), earlierLives: model.earlier, converged: false, hubRolledBack: model.rolledBack });
  if (problems.length > 0) throw new Error(`after ${after}:\n- ${problems.slice(0, 10).join('\n- ')}`);
}

function sync(real: Real, extra: { requestTimeoutMs?: number } = {}) {
  return real.station.service({ engine: { ...FAST_ENGINE, maxBatch: 7 }, requestTimeoutMs: extra.requestTimeoutMs ?? 5_000 });
}

class Record implements fc.AsyncCommand<Model, Real> {
  constructor(readonly count: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.station.record(this.count);
    await checkAlways(model, real, this.toString());
  }
  toString = () => `record(${this.count})`;
}

class Upload implements fc.AsyncCommand<Model, Real> {
  constructor(readonly fault: Fault) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const { station } = real;
    const cut = (rule: CutRule) => proxy.set({ cuts: [rule] });
    if (this.fault === 'dropRequest') cut({ direction: 'upstream', trigger: UPLOAD, afterBytes: 0, times: 1 });
    if (this.fault === 'dropResponse') cut({ direction: 'downstream', trigger: UPLOAD, afterBytes: 0, times: 1 });
    if (this.fault === 'fail5xxBeforeCommit') hub.db.faults.failBeforeCommit = 1;
    if (this.fault === 'fail5xxAfterCommit') hub.db.faults.failAfterCommit = 1;
    if (this.fault === 'hang') proxy.set({ hang: true });
    if (this.fault === 'reorder') {
      // A later batch arrives before the one the hub expects: refused as a gap, nothing stored.
      const hubAcked = (await findEpoch(hub.ctx.db, station.stationId, station.log.head().epoch))?.acked_seq ?? 0;
      if (station.log.head().seq >= hubAcked + 2) {
        const answer = (await station.transport(proxy.url).uploadBatch(station.batchJson(hubAcked + 2, 7))).result;
        expect(answer).toMatchObject({ ok: false, failure: { type: 'gap', expectedSeq: hubAcked + 1 } });
      }
    }
    try {
      await sync(real, { requestTimeoutMs: this.fault === 'hang' ? 300 : 5_000 }).runOnce({ maxFailures: 1 });
    } finally {
      proxy.heal();
      hub.db.heal();
    }
    if (this.fault === 'duplicate') {
      // The harness re-sends the station's last acknowledged batch: a no-op for the hub.
      const acked = readAcknowledgement(station.db, station.log.head().epoch)?.ackedSeq ?? 0;
      if (acked > 0) {
        const answer = (await station.transport(proxy.url).uploadBatch(station.batchJson(Math.max(1, acked - 6), 7))).result;
        expect(answer.ok && answer.value.inserted === 0 ? 'no-op' : answer).toBe('no-op');
      }
    }
    await checkAlways(model, real, this.toString());
  }
  toString = () => `upload(${this.fault})`;
}

class CrashStation implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    real.station.restart();
    await checkAlways(model, real, this.toString());
  }
  toString = () => 'crashStation';
}

class ClockJump implements fc.AsyncCommand<Model, Real> {
  constructor(readonly deltaMs: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    real.station.clock.wall += this.deltaMs;
    await checkAlways(model, real, this.toString());
  }
  toString = () => `clockJump(${this.deltaMs})`;
}

class HubRestore implements fc.AsyncCommand<Model, Real> {
  constructor(readonly lose: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const epoch = real.station.log.head().epoch;
    const head = await findEpoch(hub.ctx.db, real.station.stationId, epoch);
    await rewindStation(hub.db, real.station.stationId, epoch, Math.max(0, (head?.acked_seq ?? 0) - this.lose));
    model.rolledBack = true;
    await checkAlways(model, real, this.toString());
  }
  toString = () => `hubRestore(lose ${this.lose})`;
}

/** The city revokes the station; it keeps writing; a technician re-enrols it with a new key pair. */
class RevokeReenrol implements fc.AsyncCommand<Model, Real> {
  constructor(readonly writtenWhileRevoked: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const { station } = real;
    await revokeStation(hub.ctx.db, station.stationId);
    station.record(this.writtenWhileRevoked);
    station.rotateKey();
    proxy.heal();
    hub.db.heal();
    await station.reenrol(hub, proxy.url);
    await checkAlways(model, real, this.toString());
  }
  toString = () => `revokeReenrol(${this.writtenWhileRevoked})`;
}

/**
 * A backup is taken; the station writes more and delivers what it can; then its disk dies, the
 * backup is put back, and a technician re-enrols. What the station wrote after the backup and never
 * delivered is physically gone with the disk; everything else must still arrive exactly once.
 */
class RestoreReenrol implements fc.AsyncCommand<Model, Real> {
  constructor(readonly writtenAfterBackup: number) {}
  check = () => true;
  async run(model: Model, real: Real) {
    const { station } = real;
    proxy.heal();
    hub.db.heal();
    const { file } = await backupDatabase(station.db, join(station.dir, 'backups'), station.clock.wallMs());
    station.record(this.writtenAfterBackup);
    await sync(real).runOnce({ maxFailures: 2 });
    model.earlier.push(...station.events());
    station.shutdown();
    copyFileSync(file, station.dbPath);
    station.open();
    await station.reenrol(hub, proxy.url);
    await checkAlways(model, real, this.toString());
  }
  toString = () => `restoreReenrol(${this.writtenAfterBackup})`;
}

class Heal implements fc.AsyncCommand<Model, Real> {
  check = () => true;
  async run(model: Model, real: Real) {
    proxy.heal();
    hub.db.heal();
    const result = await sync(real).runOnce({ maxFailures: 3 });
    expect(result).toMatchObject({ ok: true, ackedSeq: real.station.log.head().seq });
    model.rolledBack = false;
    const problems = await invariantViolations({ ...stationInput(real.station, hub.ctx.db), earlierLives: model.earlier });
    if (problems.length > 0) throw new Error(`after heal:\n- ${problems.slice(0, 10).join('\n- ')}`);
  }
  toString = () => 'heal';
}

const commands = [
  fc.integer({ min: 1, max: 15 }).map((n) => new Record(n)),
  fc.constantFrom(...FAULTS).map((fault) => new Upload(fault)),
  fc.constant(new CrashStation()),
  fc.constantFrom(-3 * 3_600_000, 365 * 86_400_000, -20 * 365 * 86_400_000).map((delta) => new ClockJump(delta)),
  fc.integer({ min: 1, max: 10 }).map((lose) => new HubRestore(lose)),
  fc.integer({ min: 0, max: 12 }).map((written) => new RevokeReenrol(written)),
  fc.integer({ min: 0, max: 12 }).map((written) => new RestoreReenrol(written)),
  fc.constant(new Heal()),
];

describe('sync model (fast-check commands)', () => {
  beforeAll(async () => {
    hub = await startFaultHub();
    proxy = await startFaultProxy({ targetPort: hub.port });
  }, 120_000);
  afterAll(async () => {
    await proxy.close();
    await hub.close();
  });

  it('random record/upload-with-fault/crash/clock/restore/heal sequences keep every invariant; heal converges', async () => {
    await fc.assert(
      fc.asyncProperty(fc.commands(commands, { maxCommands: 14 }), async (cmds) => {
        const station = await FaultStation.enrolled(hub, proxy.url, 0);
        try {
          const model: Model = { rolledBack: false, earlier: [] };
          await fc.asyncModelRun(() => ({ model, real: { station } }), cmds);
          // Whatever the sequence, a final heal must drain everything: every event the station holds, in every epoch.
          await new Heal().run(model, { station });
        } finally {
          proxy.heal();
          hub.db.heal();
          station.cleanup();
        }
      }),
      { numRuns: 25, interruptAfterTimeLimit: 150_000, markInterruptAsFailure: true },
    );
  }, 180_000);
});
