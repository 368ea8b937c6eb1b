/**
 * The city hub as a Fastify app: station API (docs/PROTOCOL.md §2–§5), staff reports (§8) and the
 * loopback admin route. Every error body carries an `error` code. Station routes are admitted in two
 * steps (station-admission.ts): a per-address cap from the first byte, and database work slots taken
 * only once a request is authenticated, so anonymous slow clients cannot starve stations; a database
 * that cannot be reached is a 503 too, so stations back off instead of hammering.
 */
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { MAX_BODY_BYTES } from '../../electron/core/sync/protocol/limits';
import { openHubContext } from '../hub-context';
import type { HubContext, HubContextOptions } from '../hub-context';
import { TOO_LARGE } from '../ingest/apply-batch';
import { registerAdminRoute } from './admin-route';
import { PasswordQueue } from '../staff/password-queue';
import { registerAdminPages } from './admin-pages';
import { registerAssetRoutes } from './asset-routes';
import type { PackValidator } from '../fleet/publish-upload';
import { registerLessonPackPages } from './lesson-pack-pages';
import { registerLessonRoutes } from './lesson-routes';
import { registerFleetRoutes } from './fleet-routes';
import { registerReportRoutes } from './report-routes';
import { StaffSessions } from './staff-session';
import { DEFAULT_WORK_SLOTS, installStationAdmission, SLOT_WAIT_MS } from './station-admission';
import { registerStationRoutes } from './station-routes';

export interface HubAppOptions {
  /** pino options, or false (default) for silence. */
  readonly logger?: boolean | Record<string, unknown>;
  /** Authenticated station requests doing database work at once before 503 (default 64). */
  readonly maxInFlight?: number;
  /** Station requests open at once from one client address before 429 (default 16). */
  readonly maxPerAddress?: number;
  /** Milliseconds a client has to send a whole request, body included (default 30 s). */
  readonly requestTimeoutMs?: number;
  /** Seconds a station should wait after a 503 (default 10). */
  readonly retryAfterSeconds?: number;
  /** Enables the loopback admin route with this token. */
  readonly adminToken?: string;
  /**
   * Addresses (or CIDR ranges) of the TLS proxies in front, whose X-Forwarded-For/-Proto are believed
   * (client addresses for lockout and audit, `Secure` cookies). Never "everyone": empty = none.
   */
  readonly trustedProxies?: readonly string[];
  /** The hub's public URL for enrolment QR codes (else the origin the administrator's browser used). */
  readonly publicUrl?: string | undefined;
  /** Password checks at once, and waiting, before sign-in answers 429 (defaults 1 and 8). */
  readonly passwordConcurrency?: number;
  readonly passwordQueue?: number;
  /**
   * The stations' pack loader (station code the hub may not import; `tram city serve` hands it in),
   * for the administrators' lesson pack page. Without it that page lists releases but cannot publish.
   */
  readonly validatePack?: PackValidator;
}

export interface Hub {
  readonly app: FastifyInstance;
  readonly ctx: HubContext;
  /** Stops the app, then closes the database if the hub opened it. */
  close(): Promise<void>;
}

const UNAVAILABLE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '57P01', '57P02', '57P03', '53300', '08006', '08001', '08003']);

function isDatabaseUnavailable(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : '';
  return (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) || /Connection terminated|connection is closed|PGlite is closed|pool after calling end|timeout exceeded when trying to connect/i.test(message);
}

/** Opens the hub context and builds the app (not yet listening). */
export async function createHub(options: HubContextOptions & HubAppOptions): Promise<Hub> {
  const ctx = await openHubContext(options);
  const app = buildHubApp(ctx, options);
  return {
    app,
    ctx,
    async close() {
      await app.close();
      await ctx.reports.close();
      if (options.db === undefined) await ctx.db.close();
    },
  };
}

/** Builds the Fastify app over an open context. */
export function buildHubApp(ctx: HubContext, options: HubAppOptions = {}): FastifyInstance {
  // 30 s to send a whole request: a 2G station's gzip batch (about 50 KB) needs under 10 s; a client
  // that dribbles its body is cut off instead of holding a connection for minutes.
  const requestTimeout = options.requestTimeoutMs ?? 30_000;
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: MAX_BODY_BYTES,
    trustProxy: options.trustedProxies !== undefined && options.trustedProxies.length > 0 ? [...options.trustedProxies] : false,
    requestTimeout,
    // Node enforces the request timeout only when the headers timeout is not longer, and checks it
    // only every 30 s by default: both are set so that it holds.
    http: { headersTimeout: Math.min(requestTimeout, 15_000), connectionsCheckingInterval: Math.max(250, Math.min(5_000, Math.floor(requestTimeout / 4))) },
  });
  // One raw-bytes parser for every content type: routes decode (gzip), hash and parse themselves,
  // because the signature covers the uncompressed bytes exactly as sent.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const retryAfter = String(options.retryAfterSeconds ?? 10);
  const slots = installStationAdmission(app, { perAddress: options.maxPerAddress ?? 16, workSlots: options.maxInFlight ?? DEFAULT_WORK_SLOTS, queue: options.maxInFlight ?? DEFAULT_WORK_SLOTS, maxWaitMs: SLOT_WAIT_MS, retryAfterSeconds: options.retryAfterSeconds ?? 10 });

  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: 'not_found' }));
  app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send(TOO_LARGE.body);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send(status === 415 ? { error: 'unsupported_media_type', detail: error.message } : { error: 'bad_request', detail: `body: ${error.message}` });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).header('retry-after', retryAfter).send({ error: 'unavailable' });
    }
    request.log.error({ err: error }, 'unexpected error');
    return reply.code(500).send({ error: 'internal' });
  });

  registerStationRoutes(app, ctx, slots);
  const sessions = new StaffSessions(ctx, new PasswordQueue(options.passwordConcurrency ?? 1, options.passwordQueue ?? 8));
  registerAssetRoutes(app);
  registerReportRoutes(app, ctx, sessions);
  registerAdminPages(app, ctx, sessions, { publicUrl: options.publicUrl });
  registerLessonRoutes(app, ctx, sessions);
  registerLessonPackPages(app, ctx, sessions, { validatePack: options.validatePack });
  registerFleetRoutes(app, ctx, slots, sessions, options.adminToken);
  if (options.adminToken !== undefined) registerAdminRoute(app, ctx, options.adminToken);
  return app;
}
