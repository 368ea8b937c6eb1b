/**
 * Drives the pure engine in tests: a scripted random source, a tiny in-memory city that answers
 * like docs/PROTOCOL.md §5 (acked watermark per epoch, gap and duplicate rules), and helpers that feed
 * answers and collect the commands.
 */
import { DEFAULT_ENGINE_CONFIG, initialEngineState, step } from '../../../../electron/core/sync/engine/sync-engine';
import type { EngineCommand, EngineConfig, EngineInput, EngineState } from '../../../../electron/core/sync/engine/engine-types';

export { seededRandom } from '../../../../electron/core/seeded-random';

export const hashOf = (seq: number): string => (seq === 0 ? '0'.repeat(64) : seq.toString(16).padStart(64, 'a'));

export class EngineDriver {
  state: EngineState;
  readonly log: EngineCommand[][] = [];
  draws: number[] = [];

  constructor(readonly config: EngineConfig = DEFAULT_ENGINE_CONFIG) {
    this.state = initialEngineState(config);
  }

  /** The next random draw: scripted values first, then 0.5. */
  readonly random = (): number => this.draws.shift() ?? 0.5;

  feed(input: EngineInput): EngineCommand[] {
    const next = step(this.state, input, { config: this.config, random: this.random });
    this.state = next.state;
    const commands = [...next.commands];
    this.log.push(commands);
    return commands;
  }

  start(localSeq: number, ackedSeq: number | null = null, epoch = 1): EngineCommand[] {
    return this.feed({ type: 'start', local: { epoch, seq: localSeq }, acked: ackedSeq === null ? null : { epoch, seq: ackedSeq, hash: hashOf(ackedSeq) } });
  }

  cursor(ackedSeq: number, options: { epoch?: number; serverTimeMs?: number; sentAtMs?: number; receivedAtMs?: number; localHash?: string | null } = {}): EngineCommand[] {
    const serverTimeMs = options.serverTimeMs ?? 1_767_000_000_000;
    return this.feed({
      type: 'cursor_ok',
      cursor: { epoch: options.epoch ?? 1, ackedSeq, headHash: hashOf(ackedSeq), serverTimeMs, receipt: `r${ackedSeq}`, localHashAtAcked: options.localHash === undefined ? hashOf(ackedSeq) : options.localHash },
      timing: { sentAtMs: options.sentAtMs ?? serverTimeMs, receivedAtMs: options.receivedAtMs ?? serverTimeMs },
    });
  }

  uploaded(ackedSeq: number, options: { inserted?: number; duplicates?: number; at?: number } = {}): EngineCommand[] {
    const at = options.at ?? 1_767_000_000_000;
    return this.feed({
      type: 'upload_ok',
      answer: { ackedSeq, headHash: hashOf(ackedSeq), serverTimeMs: at, receipt: `r${ackedSeq}`, inserted: options.inserted ?? 0, duplicates: options.duplicates ?? 0 },
      timing: { sentAtMs: at, receivedAtMs: at },
    });
  }
}

export function sends(commands: readonly EngineCommand[]): Array<{ fromSeq: number; count: number }> {
  return commands.flatMap((command) => (command.type === 'send_batch' ? [{ fromSeq: command.fromSeq, count: command.count }] : []));
}

export function waits(commands: readonly EngineCommand[]): number[] {
  return commands.flatMap((command) => (command.type === 'wait' ? [command.ms] : []));
}

export function acks(commands: readonly EngineCommand[]): number[] {
  return commands.flatMap((command) => (command.type === 'record_ack' ? [command.ackedSeq] : []));
}

/** A city for one station epoch: stores seqs, answers gap/duplicates as §5 says. */
export class ModelCity {
  acked = 0;
  readonly stored = new Map<number, number>();
  insertions = 0;

  /** Applies a batch; returns the engine input a real hub would cause. */
  upload(fromSeq: number, count: number, at = 1_767_000_000_000): EngineInput {
    if (fromSeq > this.acked + 1) return { type: 'gap', expectedSeq: this.acked + 1 };
    let inserted = 0;
    let duplicates = 0;
    for (let seq = fromSeq; seq < fromSeq + count; seq += 1) {
      const times = this.stored.get(seq) ?? 0;
      if (times > 0) duplicates += 1;
      else inserted += 1;
      this.stored.set(seq, times + 1);
    }
    this.insertions += inserted;
    this.acked = Math.max(this.acked, fromSeq + count - 1);
    return {
      type: 'upload_ok',
      answer: { ackedSeq: this.acked, headHash: hashOf(this.acked), serverTimeMs: at, receipt: `r${this.acked}`, inserted, duplicates },
      timing: { sentAtMs: at, receivedAtMs: at },
    };
  }

  cursor(at = 1_767_000_000_000): EngineInput {
    return { type: 'cursor_ok', cursor: { epoch: 1, ackedSeq: this.acked, headHash: hashOf(this.acked), serverTimeMs: at, receipt: `r${this.acked}`, localHashAtAcked: hashOf(this.acked) }, timing: { sentAtMs: at, receivedAtMs: at } };
  }

  /** A restore from backup: the city forgets everything after `seq`. */
  restoreTo(seq: number): void {
    this.acked = seq;
    for (const key of [...this.stored.keys()]) if (key > seq) this.stored.delete(key);
  }
}
