/**
 * The second host of the kiosk (docs/ARCHITECTURE.md §2): serves the built renderer over HTTP on loopback and
 * bridges the KioskApi over a WebSocket to the same station services Electron uses. For
 * `npm run web`, lesson authors and end-to-end tests.
 *
 * Guards: loopback only unless explicitly allowed; a per-run token on the socket (a web page from
 * elsewhere in the same browser can open a WebSocket to 127.0.0.1, and only the token stops it);
 * Origin and Host checked (DNS rebinding); frames capped in size.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { eventNames } from '../contract/events';
import { MAX_MESSAGE_BYTES } from '../contract/result';
import { createDispatch } from '../station/ipc/dispatch';
import type { Station } from '../station/station';
import { serveBridge, sendEvent } from './bridge';
import { RENDERER_CONTENT_SECURITY_POLICY } from '../station/serving/renderer-page';
import { resolveStaticFile, sendFile } from './static-files';

export class WebHostError extends Error {
  readonly code: 'non_loopback' | 'no_renderer';

  constructor(code: WebHostError['code'], message: string) {
    super(message);
    this.name = 'WebHostError';
    this.code = code;
  }
}

export interface WebHostOptions {
  readonly station: Station;
  readonly rendererDir: string;
  readonly lessonsDir?: string;
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port?: number;
  /**
   * Serving on a non-loopback interface needs this explicit flag. Development only (a lesson author's
   * tablet on the same LAN): plain HTTP, the token in the URL. The installed kiosk never runs the web
   * host: it is not in the packaged app (tests/main/bundle.test.ts), and the Origin check stays on.
   */
  readonly allowRemote?: boolean;
  readonly token?: string;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

export const CONTENT_SECURITY_POLICY = RENDERER_CONTENT_SECURITY_POLICY;

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

function tokenMatches(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Starts the host. Resolves once it listens. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK.has(host) && !options.allowRemote) {
    throw new WebHostError('non_loopback', `refusing to serve on ${host}: the kiosk bridge is for this machine only (pass --allow-remote to override)`);
  }
  if (!resolveStaticFile(options.rendererDir, '/index.html')) {
    throw new WebHostError('no_renderer', `no built renderer in ${options.rendererDir} (run npm run build)`);
  }
  const token = options.token ?? randomBytes(24).toString('base64url');
  const dispatch = createDispatch(options.station.handlers, {
    volunteerGate: options.station.volunteerGate,
    onInternalError: (command, error) => process.stderr.write(`web-host: ${command} failed: ${(error as Error).stack ?? String(error)}\n`),
  });
  const sockets = new Set<WebSocket>();

  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `${host}:${port}`]);
  const hostAllowed = (request: IncomingMessage) => options.allowRemote === true || allowedHosts().has(request.headers.host ?? '');

  const server = createServer((request, response) => {
    if (!hostAllowed(request)) {
      response.writeHead(421, { 'Content-Type': 'text/plain' }).end('misdirected request');
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    // The running pack's folder (a fleet pack switch changes it), else the one given.
    const lessonsDir = options.station.lessonsDir() ?? options.lessonsDir;
    const lessonFile = lessonsDir && path.startsWith('/lessons/') ? resolveStaticFile(lessonsDir, path.slice('/lessons'.length)) : null;
    const file = lessonFile ?? resolveStaticFile(options.rendererDir, path === '/' ? '/index.html' : path);
    if (!file) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8', ...SECURITY_HEADERS }).end('not found');
      return;
    }
    sendFile(response, file, SECURITY_HEADERS);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES + 1024 });
  server.on('upgrade', (request, socket, head) => {
    const url = new URL(request.url ?? '/', 'http://host');
    const origin = request.headers.origin;
    // A page may open the bridge only from the origin it was served from: the Origin names the Host the
    // request was sent to (itself checked above, loopback names only unless --allow-remote).
    const originOk = origin === undefined || origin.replace(/^https?:\/\//, '') === request.headers.host;
    if (url.pathname !== '/bridge' || !hostAllowed(request) || !originOk || !tokenMatches(token, url.searchParams.get('token'))) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      // Oversized or malformed frames surface here; ws then closes the socket (1009/1002) on its own.
      ws.on('error', () => ws.terminate());
      serveBridge(ws, dispatch);
    });
  });

  const unsubscribers = eventNames.map((name) =>
    options.station.on(name, (payload) => {
      for (const ws of sockets) sendEvent(ws, { type: 'event', name, payload });
    }),
  );

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolvePromise());
  });
  port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}/#token=${token}`,
    port,
    token,
    close: async () => {
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolvePromise) => server.close(() => resolvePromise()));
    },
  };
}
