/**
 * A fault-injecting TCP proxy on 127.0.0.1 in front of the hub: Toxiproxy's toxics (reference/sync.md
 * §5) in-process, so a test needs no daemon and changes faults while a sync runs. Bytes are never
 * altered, only delayed, withheld or cut:
 * - latency ± jitter per piece, order kept (a piece never overtakes the one before it);
 * - a bandwidth cap in bytes/s (data is sliced into ~50 ms pieces, so a cap also acts as a slicer);
 * - hang: connections are accepted and read, but nothing is forwarded or answered (on a keep-alive
 *   connection already open too: requests sent while hung are swallowed, as by a hub that froze;
 *   a connection that sent nothing while hung works after heal, as at a hub that thaws);
 * - refuse: new connections are reset at once;
 * - cut rules: after N bytes in one direction, close or reset both sides. A rule may wait for a
 *   trigger text in the client→hub bytes (e.g. "POST /v1/stations/"), so one HTTP request on a
 *   keep-alive connection can be targeted; `times` disarms it after that many firings;
 * - resetAll: reset every open connection now.
 * Settings are read for every chunk, so a change applies to connections already open.
 */
import { createConnection, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

export type Direction = 'upstream' | 'downstream';

export interface CutRule {
  /** upstream = client → hub (the request), downstream = hub → client (the answer). */
  readonly direction: Direction;
  /** Bytes let through (counted from the trigger, or from the connection's start) before the cut. */
  readonly afterBytes: number;
  /** Client→hub text that arms the rule on its connection; absent: armed on every new connection. */
  readonly trigger?: string;
  /** FIN both ways (close) or RST (reset). Default reset. */
  readonly how?: 'close' | 'reset';
  /** Firings before the rule disarms itself. Default: unlimited. */
  readonly times?: number;
}

export interface FaultSettings {
  readonly latencyMs: number;
  readonly jitterMs: number;
  /** null = unlimited. */
  readonly bytesPerSecond: number | null;
  readonly hang: boolean;
  readonly refuse: boolean;
  readonly cuts: readonly CutRule[];
}

export const HEALTHY: FaultSettings = { latencyMs: 0, jitterMs: 0, bytesPerSecond: null, hang: false, refuse: false, cuts: [] };

/** Connections seen and open, hung, refused, cut and reset; bytes delivered each way. */
export type ProxyStats = Readonly<Record<'connections' | 'open' | 'hung' | 'refused' | 'cuts' | 'resets' | 'bytesUp' | 'bytesDown', number>>;

export interface FaultProxy {
  readonly port: number;
  readonly url: string;
  settings(): FaultSettings;
  /** Merges changes into the current settings (cut rules given here replace the list). */
  set(changes: Partial<FaultSettings>): void;
  addCut(rule: CutRule): void;
  /** Back to a healthy link for new data; connections whose request was swallowed stay hung until their client gives up. */
  heal(): void;
  /** Resets every open connection; returns how many. */
  resetAll(): number;
  stats(): ProxyStats;
  close(): Promise<void>;
}

export interface FaultProxyOptions {
  readonly targetPort: number;
  readonly settings?: Partial<FaultSettings>;
  /** For jitter; tests pass a seeded source to replay a run. */
  readonly random?: () => number;
}

/** A rule in the list with its firings left; a rule armed on one connection with its bytes left. */
type LiveRule = { readonly rule: CutRule; remaining: number };
type Armed = { readonly rule: CutRule; allowance: number };

type Item = { readonly due: number; readonly bytes: Buffer } | { readonly due: number; readonly end: 'fin' | 'close' | 'reset' };

const HIGH_WATER = 256 * 1024;

function hardReset(socket: Socket | null): void {
  if (socket === null || socket.destroyed) return;
  try {
    socket.resetAndDestroy();
  } catch {
    // Not connected yet (no TCP handle to reset): a plain destroy is the closest thing.
    socket.destroy();
  }
}

/** Starts the proxy on an ephemeral loopback port, forwarding to 127.0.0.1:targetPort. */
export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const random = options.random ?? Math.random;
  let settings: FaultSettings = { ...HEALTHY, ...options.settings };
  let rules: LiveRule[] = settings.cuts.map((rule) => ({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY }));
  const links = new Set<Link>();
  // A connection accepted while hung: its data listener while nothing was sent on it yet, or
  // 'swallowed' once a request was dropped (that request is lost, so the connection stays dead).
  const hung = new Map<Socket, (() => void) | 'swallowed'>();
  const counts = { connections: 0, hung: 0, refused: 0, cuts: 0, resets: 0, bytesUp: 0, bytesDown: 0 };

  /** Takes one firing of a live rule; a rule with no firings left leaves the list. */
  const claim = (live: LiveRule): Armed | null => {
    if (live.remaining <= 0) return null;
    live.remaining -= 1;
    if (live.remaining <= 0) rules = rules.filter((other) => other !== live);
    return { rule: live.rule, allowance: live.rule.afterBytes };
  };

  class Pipe {
    readonly #queue: Item[] = [];
    #timer: NodeJS.Timeout | null = null;
    #linkFreeAt = 0;
    #lastDue = 0;
    #queued = 0;
    constructor(
      readonly link: Link,
      readonly direction: Direction,
      readonly source: Socket,
      readonly dest: () => Socket | null,
    ) {}

    push(chunk: Buffer, armed: readonly Armed[]): void {
      let bytes = chunk;
      let cut: CutRule | null = null;
      for (const rule of armed) {
        if (rule.rule.direction !== this.direction) continue;
        if (bytes.length > rule.allowance) {
          bytes = bytes.subarray(0, rule.allowance);
          cut = rule.rule;
        }
      }
      for (const rule of armed) if (rule.rule.direction === this.direction) rule.allowance -= bytes.length;
      const bps = settings.bytesPerSecond;
      const piece = bps === null ? Math.max(1, bytes.length) : Math.max(1, Math.floor(bps / 20));
      for (let at = 0; at < bytes.length; at += piece) this.#schedule(bytes.subarray(at, at + piece));
      if (cut !== null) {
        counts.cuts += 1;
        this.#enqueue({ due: this.#lastDue, end: cut.how === 'close' ? 'close' : 'reset' });
      }
    }

    end(): void {
      this.#enqueue({ due: this.#lastDue, end: 'fin' });
    }

    stop(): void {
      if (this.#timer !== null) clearTimeout(this.#timer);
      this.#timer = null;
      this.#queue.length = 0;
    }

    #schedule(bytes: Buffer): void {
      const now = Date.now();
      const bps = settings.bytesPerSecond;
      const start = Math.max(now, this.#linkFreeAt);
      this.#linkFreeAt = start + (bps === null ? 0 : (bytes.length / bps) * 1000);
      const delay = Math.max(0, settings.latencyMs + settings.jitterMs * (2 * random() - 1));
      const due = Math.max(this.#linkFreeAt + delay, this.#lastDue);
      this.#lastDue = due;
      this.#queued += bytes.length;
      if (this.#queued > HIGH_WATER) this.source.pause();
      this.#enqueue({ due, bytes });
    }

    #enqueue(item: Item): void {
      this.#queue.push(item);
      this.#flush();
    }

    #flush = (): void => {
      this.#timer = null;
      const now = Date.now();
      while (this.#queue.length > 0 && (this.#queue[0] as Item).due <= now) {
        const item = this.#queue.shift() as Item;
        if ('bytes' in item) {
          this.#queued -= item.bytes.length;
          if (this.direction === 'upstream') counts.bytesUp += item.bytes.length;
          else counts.bytesDown += item.bytes.length;
          this.dest()?.write(item.bytes);
        } else if (item.end === 'fin') this.dest()?.end();
        else return this.link.terminate(item.end);
      }
      if (this.#queued <= HIGH_WATER / 4 && this.source.isPaused()) this.source.resume();
      const next = this.#queue[0];
      if (next !== undefined) this.#timer = setTimeout(this.#flush, Math.max(0, next.due - now));
    };
  }

  class Link {
    readonly server: Socket;
    readonly up: Pipe;
    readonly down: Pipe;
    readonly armed: Armed[] = [];
    #tail = '';
    #done = false;
    #hung = false;

    constructor(readonly client: Socket) {
      this.server = createConnection({ host: '127.0.0.1', port: options.targetPort });
      this.up = new Pipe(this, 'upstream', client, () => this.server);
      this.down = new Pipe(this, 'downstream', this.server, () => this.client);
      for (const live of [...rules]) if (live.rule.trigger === undefined) this.#arm(live);
      client.on('data', (chunk: Buffer) => this.#fromClient(chunk));
      this.server.on('data', (chunk: Buffer) => this.down.push(chunk, this.armed));
      client.on('end', () => this.up.end());
      this.server.on('end', () => this.down.end());
      // A reset on one side is passed on as a reset; a clean close of the hub waits for its queued
      // bytes (the FIN travels behind them), while a closed client has nobody left to deliver to.
      for (const socket of [client, this.server]) {
        socket.on('error', (error: NodeJS.ErrnoException) => this.terminate(error.code === 'ECONNRESET' ? 'reset' : 'close'));
      }
      client.on('close', () => this.terminate('close'));
      this.server.on('close', (hadError) => {
        if (hadError) this.terminate('close');
      });
    }

    #arm(live: LiveRule, offset = 0): void {
      const armed = claim(live);
      if (armed === null) return;
      // An upstream allowance counts from the trigger itself, so bytes before it in the chunk are free.
      if (live.rule.direction === 'upstream') armed.allowance += offset;
      this.armed.push(armed);
    }

    #fromClient(chunk: Buffer): void {
      if (settings.hang) {
        if (!this.#hung) counts.hung += 1;
        this.#hung = true;
        return;
      }
      const text = chunk.toString('latin1');
      const window = this.#tail + text;
      for (const live of [...rules]) {
        const trigger = live.rule.trigger;
        if (trigger === undefined || this.armed.some((armed) => armed.rule === live.rule)) continue;
        const found = window.indexOf(trigger);
        if (found >= 0) this.#arm(live, Math.max(0, found - this.#tail.length));
      }
      const keep = Math.max(0, ...rules.map((live) => (live.rule.trigger?.length ?? 1) - 1));
      this.#tail = keep === 0 ? '' : window.slice(-keep);
      this.up.push(chunk, this.armed);
    }

    terminate(how: 'close' | 'reset'): void {
      if (this.#done) return;
      this.#done = true;
      links.delete(this);
      this.up.stop();
      this.down.stop();
      if (how === 'reset') {
        hardReset(this.client);
        hardReset(this.server);
      } else {
        this.client.destroy();
        this.server.destroy();
      }
    }
  }

  const server: Server = createServer((client) => {
    counts.connections += 1;
    client.on('error', () => undefined);
    if (settings.refuse) {
      counts.refused += 1;
      hardReset(client);
      return;
    }
    if (settings.hang) {
      // Read and drop, never answer: the client's own deadline is the only way out.
      counts.hung += 1;
      const swallow = () => hung.set(client, 'swallowed');
      hung.set(client, swallow);
      client.on('data', swallow);
      client.on('close', () => hung.delete(client));
      return;
    }
    links.add(new Link(client));
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    settings: () => ({ ...settings, cuts: rules.map((live) => live.rule) }),
    set(changes) {
      settings = { ...settings, ...changes };
      if (changes.cuts !== undefined) rules = changes.cuts.map((rule) => ({ rule, remaining: rule.times ?? Number.POSITIVE_INFINITY }));
    },
    addCut(rule) {
      rules = [...rules, { rule, remaining: rule.times ?? Number.POSITIVE_INFINITY }];
    },
    heal() {
      settings = HEALTHY;
      rules = [];
      // A frozen hub that thaws serves connections it accepted but never read: an HTTP client that
      // opened a spare keep-alive connection during the hang (undici does, after an abort) and has
      // sent nothing on it yet must find it working, not dead for as long as its own deadline.
      for (const [client, state] of [...hung]) {
        if (state === 'swallowed' || client.destroyed) continue;
        client.off('data', state);
        hung.delete(client);
        links.add(new Link(client));
      }
    },
    resetAll() {
      const open = [...links];
      for (const link of open) link.terminate('reset');
      counts.resets += open.length;
      return open.length;
    },
    stats: () => ({ ...counts, open: links.size + hung.size }),
    async close() {
      rules = [];
      for (const link of [...links]) link.terminate('close');
      for (const socket of hung.keys()) socket.destroy();
      hung.clear();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
