/**
 * Who may use the hub's station routes at a given moment. Two limits, at two different points:
 *
 * - Per client address, from the first byte: at most `perAddress` station requests open at once
 *   (429 with Retry-After past it). An anonymous client that opens connections and dribbles its body
 *   (or never sends it) thus ties up at most that many, and never the work of real stations.
 * - The work slots, taken only AFTER a request is authenticated (a valid signature, or an enrolment
 *   with a well-formed body): at most `workSlots` database transactions of station work at once (503
 *   with Retry-After past it). Unauthenticated requests never take one, so they cannot starve
 *   stations of them. The slots are few on purpose (default 16 a process, beside a pool of 10
 *   database connections): a request past them is told at once to come back, instead of waiting
 *   many seconds in a queue while its station's timeout runs. The Retry-After of that 503 follows
 *   the load: about two of the recent work times (at least 1 s, at most `retryAfterSeconds`), so
 *   stations come back when a slot is likely free rather than all after a fixed 10 s.
 *
 * Reading a body is additionally bounded in time by the server's request timeout (create-hub.ts).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Station requests doing database work at once in one hub process (beside its pool of 10 connections). */
export const DEFAULT_WORK_SLOTS = 16;

export interface AdmissionOptions {
  readonly perAddress: number;
  readonly workSlots: number;
  readonly retryAfterSeconds: number;
}

export interface WorkSlots {
  /** Runs `work` in a slot, or answers 503 when all are taken. */
  run<T>(reply: FastifyReply, work: () => Promise<T>): Promise<T | FastifyReply>;
}

const isStationRoute = (url: string): boolean => url.startsWith('/v1/stations/') || url.startsWith('/v1/enrol');

/** Installs the per-address limit on the app and returns the work slots for the station routes. */
export function installStationAdmission(app: FastifyInstance, options: AdmissionOptions): WorkSlots {
  const retryAfter = String(options.retryAfterSeconds);
  const open = new Map<string, number>();
  const counted = new WeakMap<FastifyRequest, string>();
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
    const address = request.ip;
    const now = open.get(address) ?? 0;
    if (now >= options.perAddress) return reply.code(429).header('retry-after', retryAfter).send({ error: 'too_many_requests' });
    open.set(address, now + 1);
    counted.set(request, address);
  });
  app.addHook('onResponse', release);
  app.addHook('onRequestAbort', release);

  let busy = 0;
  // Mean work time, smoothed (EWMA): what a full hub tells stations to wait. Unknown until work ran.
  let meanWorkMs: number | null = null;
  const overloadRetryAfter = () =>
    meanWorkMs === null ? retryAfter : String(Math.min(options.retryAfterSeconds, Math.max(1, Math.ceil((2 * meanWorkMs) / 1000))));
  return {
    async run(reply, work) {
      if (busy >= options.workSlots) return reply.code(503).header('retry-after', overloadRetryAfter()).send({ error: 'overloaded' });
      busy += 1;
      const started = performance.now();
      try {
        return await work();
      } finally {
        busy -= 1;
        const took = performance.now() - started;
        meanWorkMs = meanWorkMs === null ? took : meanWorkMs * 0.8 + took * 0.2;
      }
    },
  };
}
