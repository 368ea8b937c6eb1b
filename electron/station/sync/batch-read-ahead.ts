/**
 * Reads the next upload batch while the current one is on the wire. PROTOCOL.md §5 allows one request
 * in flight, so the station would otherwise sit idle during every round trip and then do all of its
 * own work (read the rows, re-verify their chain, serialise, compress) before the next request could
 * leave. Reading ahead moves that work into the wait; the next batch leaves as soon as the answer is in.
 *
 * The read-ahead is only a guess: it is used when the engine then asks for exactly that batch (same
 * epoch, start and size), in the same service generation; anything else (a 413 that shrank the batch,
 * a stop, a refusal) simply drops it. Rows of the local log never change once written, so a batch read
 * a moment early is the batch that would be read now; its chain was verified when it was read.
 */
import type { Database } from 'better-sqlite3';
import { readBatch, readLocalHead } from './batch-reader';
import type { BatchRequest } from './batch-reader';

interface ReadAhead {
  readonly generation: number;
  readonly epoch: number;
  readonly fromSeq: number;
  readonly maxCount: number;
  readonly json: string;
}

export interface BatchReadAhead {
  /** The JSON of the batch for `request`: the one read ahead when it matches, else read now (may throw). */
  take(generation: number, request: BatchRequest): string;
  /**
   * After sending `sentJson` for `request`, reads the following batch on the next turn of the event
   * loop (never before the request has been handed to the network) and passes it to `prepared`.
   */
  readNextLater(generation: number, request: BatchRequest, sentJson: string, isCurrent: () => boolean, prepared: (json: string) => void): void;
  clear(): void;
}

/** The seq after the last event of a batch body, without parsing the body. */
function seqAfter(json: string): number | null {
  const match = /"last_seq":(\d+)/.exec(json);
  return match?.[1] === undefined ? null : Number(match[1]) + 1;
}

export function createBatchReadAhead(db: Database): BatchReadAhead {
  let ahead: ReadAhead | null = null;
  return {
    take(generation, request) {
      const hit = ahead;
      ahead = null;
      if (hit !== null && hit.generation === generation && hit.epoch === request.epoch && hit.fromSeq === request.fromSeq && hit.maxCount === request.maxCount) return hit.json;
      return readBatch(db, request).json;
    },
    readNextLater(generation, request, sentJson, isCurrent, prepared) {
      const fromSeq = seqAfter(sentJson);
      if (fromSeq === null) return;
      setImmediate(() => {
        if (!isCurrent()) return;
        const head = readLocalHead(db);
        if (head === null || head.epoch !== request.epoch || head.seq < fromSeq) return;
        try {
          const next = { ...request, fromSeq };
          const json = readBatch(db, next).json;
          ahead = { generation, epoch: next.epoch, fromSeq, maxCount: next.maxCount, json };
          prepared(json);
        } catch {
          // A problem with the next rows is reported when the engine really asks for them.
          ahead = null;
        }
      });
    },
    clear() {
      ahead = null;
    },
  };
}
