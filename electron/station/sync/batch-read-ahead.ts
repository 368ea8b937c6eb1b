/**
 * Reads the next upload batch while the current one is on the wire. docs/PROTOCOL.md §5 allows one request
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
import type { BatchRequest, ReadBatch } from './batch-reader';

export interface BatchReadAhead {
  /** The batch for `request`: the one read ahead when it matches, else read now (may throw). */
  take(request: BatchRequest): ReadBatch;
  /**
   * After `sent` (read for `request`) has been handed to the network, reads the batch that follows it
   * on the next turn of the event loop and passes its JSON to `prepared`.
   */
  readAfter(sent: ReadBatch, request: BatchRequest, prepared: (json: string) => void): void;
}

/** `generation` is the sync service's: a read-ahead from an earlier generation is never used. */
export function createBatchReadAhead(db: Database, generation: () => number): BatchReadAhead {
  let ahead: { readonly generation: number; readonly request: BatchRequest; readonly batch: ReadBatch } | null = null;
  return {
    take(request) {
      const hit = ahead;
      ahead = null;
      const matches = hit !== null && hit.generation === generation() && hit.request.epoch === request.epoch && hit.request.fromSeq === request.fromSeq && hit.request.maxCount === request.maxCount;
      return matches ? hit.batch : readBatch(db, request);
    },
    readAfter(sent, request, prepared) {
      const mine = generation();
      const next = { ...request, fromSeq: sent.body.last_seq + 1 };
      setImmediate(() => {
        if (generation() !== mine) return;
        const head = readLocalHead(db);
        if (head === null || head.epoch !== next.epoch || head.seq < next.fromSeq) return;
        try {
          const batch = readBatch(db, next);
          ahead = { generation: mine, request: next, batch };
          prepared(batch.json);
        } catch {
          // A problem with the next rows is reported when the engine really asks for them.
          ahead = null;
        }
      });
    },
  };
}
