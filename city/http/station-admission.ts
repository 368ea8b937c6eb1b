/**
 * Who may use the hub's station routes at a given moment. Two limits, at two different points:
 *
 * - Per client address, from the first byte: at most `perAddress` station requests open at once
 *   (429 with Retry-After past it). An anonymous client that opens connections and dribbles its body
 *   (or never sends it) thus ties up at most that many, and never the work of real stations.
 * - The work slots, taken once a request's body is read and well-formed (the signature is checked
 *   first thing in the slot): at most `workSlots` database transactions of station work at once.
 *   A request that finds them all taken waits in line (at most `queue` of them, oldest first, for at
 *   most `maxWaitMs`) and is otherwise answered 503 with Retry-After; while the line is full too, a
 *   station request is answered 503 from its headers, before its body is read, because receiving,
 *   hashing and parsing a 250 KB batch only to turn it away is exactly the work a full hub has no
 *   room for. The slots are few on purpose: on a busy machine each extra transaction in flight
 *   only makes every other one slower, and a short line keeps them busy between two requests
 *   without holding any station for long. The Retry-After of a 503 follows the load: about two of
 *   the recent work times (at least 1 s, at most `retryAfterSeconds`), so stations come back when
 *   a slot is likely free rather than all after a fixed 10 s.
 *
 * Reading a body is additionally bounded in time by the server's request timeout (create-hub.ts).
 */
import { availableParallelism } from 'node:os';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Station requests doing database work at once in one hub process: three per core, 4 to 10 (its pool
 * has 10 database connections). Measured with the hub-scale bench on two cores, where two hubs,
 * PostgreSQL and 200 stations share them (city/README.md): 6 slots with a line of 6 gave an upload
 * p99 of 1.4–1.5 s; 8 gave 1.8 s, and 16 without a line (the earlier default) 3.3–4.1 s, at no
 * better throughput.
 */
export const DEFAULT_WORK_SLOTS = Math.min(10, Math.max(4, 3 * availableParallelism()));

/** How long a request may wait in line for a slot before it is told to come back (503). */
export const SLOT_WAIT_MS = 500;

export interface AdmissionOptions {
  readonly perAddress: number;
  readonly workSlots: number;
  /** Requests (with their whole body read) that may wait in line when every slot is taken; bodies are held meanwhile. */
  readonly queue: number;
  /** How long one may wait before it is answered 503 after all. */
  readonly maxWaitMs: number;
  readonly retryAfterSeconds: number;
}

export interface WorkSlots {
  /** Runs `work` in a slot (after a short wait in line if need be), or answers 503 when none comes free. */
  run<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply>;
}

const isStationRoute = (url: string): boolean => url.startsWith('/v1/stations/') || url.startsWith('/v1/enrol');

/** Installs the per-address limit on the app and returns the work slots for the station routes. */
export function installStationAdmission(app: FastifyInstance, options: AdmissionOptions): WorkSlots {
  const retryAfter = String(options.retryAfterSeconds);
  const open = new Map<string, number>();
  const counted = new WeakMap<FastifyRequest, string>();
  let busy = 0;
  // Requests waiting in line for a slot, oldest first; each is called when a slot is handed to it.
  const waiting: (() => void)[] = [];
  // Mean work time, smoothed (EWMA): what a full hub tells stations to wait. Unknown until work ran.
  let meanWorkMs: number | null = null;
  const overloadRetryAfter = () =>
    meanWorkMs === null ? retryAfter : String(Math.min(options.retryAfterSeconds, Math.max(1, Math.ceil((2 * meanWorkMs) / 1000))));
  const release = async (request: FastifyRequest) => {
    const address = counted.get(request);
    if (address === undefined) return;
    counted.delete(request);
    const left = (open.get(address) ?? 1) - 1;
    if (left <= 0) open.delete(address);
    else open.set(address, left);
  };
  app.addHook('onRequest', async (request, reply) => {
    if (!isStationRoute(request.url)) return;
    // Full, line included: say so before the body is read (see above). This gives an anonymous
    // client no new lever: it reaches the slots and the line only with a whole body, and holds a slot
    // only while its signature is checked.
    if (busy >= options.workSlots && waiting.length >= options.queue) return reply.code(503).header('retry-after', overloadRetryAfter()).send({ error: 'overloaded' });
    const address = request.ip;
    const now = open.get(address) ?? 0;
    if (now >= options.perAddress) return reply.code(429).header('retry-after', retryAfter).send({ error: 'too_many_requests' });
    open.set(address, now + 1);
    counted.set(request, address);
  });
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);

  const acquire = (): Promise<boolean> | boolean => {
    if (busy < options.workSlots) {
      busy += 1;
      return true;
    }
    if (waiting.length >= options.queue) return false;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        const at = waiting.indexOf(grant);
        if (at >= 0) waiting.splice(at, 1);
        resolve(false);
      }, options.maxWaitMs);
      const grant = () => {
        clearTimeout(timer);
        resolve(true);
      };
      waiting.push(grant);
    });
  };
  const releaseSlot = () => {
    const next = waiting.shift();
    // The slot passes straight to the oldest waiter (busy stays the same), or is freed.
    if (next !== undefined) next();
    else busy -= 1;
  };
  return {
    async run(reply, work) {
      if (!(await acquire())) return reply.code(503).header('retry-after', overloadRetryAfter()).send({ error: 'overloaded' });
      const started = performance.now();
      try {
        return await work();
      } finally {
        releaseSlot();
        const took = performance.now() - started;
        meanWorkMs = meanWorkMs === null ? took : meanWorkMs * 0.8 + took * 0.2;
      }
    },
  };
}
