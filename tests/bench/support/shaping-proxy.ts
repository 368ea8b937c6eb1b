/**
 * A TCP proxy on 127.0.0.1 that makes loopback behave like a slow mobile link, for the 2G bench.
 * Each direction of each connection is its own link: bytes are cut into TCP-sized segments, each is
 * "on the wire" for (size + header overhead) / rate seconds, one after the other, then arrives after a
 * one-way latency drawn uniformly from latency ± jitter. Arrival order is kept (TCP delivers in order),
 * so a late segment holds back those behind it, as head-of-line blocking does on a real link.
 * A new connection first pays one round trip (the TCP handshake) before its first byte can arrive.
 *
 * Not modelled: loss and retransmission, slow start, ACK traffic, a half-duplex radio sharing one
 * rate between both directions. Latency applies one way in each direction, so the round trip is
 * about twice `latencyMs` — on the pessimistic side for a "2G: 800 ms latency" link.
 */
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';

export interface LinkShape {
  /** Mean one-way latency. */
  readonly latencyMs: number;
  /** Latency is uniform in latencyMs ± jitterMs. */
  readonly jitterMs: number;
  /** Rate of each direction, in bytes per second. */
  readonly bytesPerSecond: number;
  /** Payload bytes per segment (a TCP MSS). */
  readonly segmentBytes?: number;
  /** TCP/IP header bytes each segment also spends on the wire. */
  readonly overheadBytes?: number;
  readonly random?: () => number;
}

export interface LinkStats {
  readonly connections: number;
  /** Payload bytes station → hub, and hub → station. */
  readonly upBytes: number;
  readonly downBytes: number;
}

export interface ShapingProxy {
  readonly port: number;
  readonly url: string;
  stats(): LinkStats;
  close(): Promise<void>;
}

/** Pause the sending side past this much queued data, like a full send buffer. */
const HIGH_WATER_BYTES = 64 * 1024;

/** One direction of one connection. */
class ShapedLink {
  private readonly queue: Array<{ readonly at: number; readonly bytes: Buffer }> = [];
  private queued = 0;
  private wireFreeAt = 0;
  private lastArrival: number;
  private timer: NodeJS.Timeout | null = null;
  private ended = false;

  constructor(
    private readonly from: Socket,
    private readonly to: Socket,
    private readonly shape: Required<LinkShape>,
    private readonly count: (bytes: number) => void,
    startsAt: number,
  ) {
    this.lastArrival = startsAt;
    from.on('data', (chunk: Buffer) => this.push(chunk));
    from.on('end', () => {
      this.ended = true;
      this.pump();
    });
  }

  private oneWayMs(): number {
    return this.shape.latencyMs + (this.shape.random() * 2 - 1) * this.shape.jitterMs;
  }

  private push(chunk: Buffer): void {
    this.count(chunk.length);
    const now = performance.now();
    // Bounded: one pass per segment of this chunk.
    for (let offset = 0; offset < chunk.length; offset += this.shape.segmentBytes) {
      const bytes = chunk.subarray(offset, offset + this.shape.segmentBytes);
      this.wireFreeAt = Math.max(now, this.wireFreeAt) + ((bytes.length + this.shape.overheadBytes) / this.shape.bytesPerSecond) * 1000;
      this.lastArrival = Math.max(this.lastArrival, this.wireFreeAt + this.oneWayMs());
      this.queue.push({ at: this.lastArrival, bytes });
      this.queued += bytes.length;
    }
    if (this.queued > HIGH_WATER_BYTES) this.from.pause();
    this.pump();
  }

  /** Delivers every segment whose time has come, then sleeps until the next one. */
  private pump(): void {
    if (this.timer !== null) return;
    const now = performance.now();
    while (this.queue.length > 0 && (this.queue[0]?.at ?? Infinity) <= now) {
      const segment = this.queue.shift();
      if (segment === undefined) break;
      this.queued -= segment.bytes.length;
      if (!this.to.destroyed) this.to.write(segment.bytes);
    }
    if (this.queued <= HIGH_WATER_BYTES / 2 && this.from.isPaused()) this.from.resume();
    const next = this.queue[0];
    if (next !== undefined) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.pump();
      }, Math.max(1, next.at - now));
    } else if (this.ended && !this.to.destroyed) this.to.end();
  }

  stop(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.queue.length = 0;
  }
}

/** Listens on an ephemeral loopback port and forwards every connection to target through the link. */
export async function startShapingProxy(target: { host: string; port: number }, shape: LinkShape): Promise<ShapingProxy> {
  const full: Required<LinkShape> = { segmentBytes: 1460, overheadBytes: 40, random: Math.random, ...shape };
  const sockets = new Set<Socket>();
  const links = new Set<ShapedLink>();
  let connections = 0;
  let upBytes = 0;
  let downBytes = 0;

  const server: Server = createServer((client) => {
    connections += 1;
    const upstream = connect(target.port, target.host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {
        client.destroy();
        upstream.destroy();
      });
    }
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    // The handshake: nothing crosses before a round trip has passed.
    const handshakeMs = 2 * full.latencyMs + (full.random() * 2 - 1) * full.jitterMs;
    const opened = performance.now() + handshakeMs;
    const up = new ShapedLink(client, upstream, full, (n) => (upBytes += n), opened);
    const down = new ShapedLink(upstream, client, full, (n) => (downBytes += n), opened);
    links.add(up);
    links.add(down);
    client.on('close', () => {
      up.stop();
      down.stop();
      links.delete(up);
      links.delete(down);
      upstream.destroy();
    });
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stats: () => ({ connections, upBytes, downBytes }),
    async close() {
      for (const link of links) link.stop();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
