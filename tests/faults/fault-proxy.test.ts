// The fault proxy itself, against plain loopback servers: pass-through, latency, bandwidth, hang,
// refuse, cuts (either way, from a trigger, once), reset, run-time changes, clean close.
import { once } from 'node:events';
import { createServer as createHttpServer } from 'node:http';
import type { Server as HttpServer } from 'node:http';
import { connect, createServer } from 'node:net';
import type { AddressInfo, Server, Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFaultProxy } from '../support/fault-proxy';
import type { FaultProxy } from '../support/fault-proxy';

const BLOB = Buffer.alloc(16 * 1024, 'x');

/** An HTTP server: GET /blob answers 16 KiB, POST echoes the body length; records finished bodies. */
function httpTarget(): { server: HttpServer; bodies: number[]; aborted: number[] } {
  const bodies: number[] = [];
  const aborted: number[] = [];
  const server = createHttpServer((request, response) => {
    let length = 0;
    request.on('data', (chunk: Buffer) => (length += chunk.length));
    request.on('aborted', () => aborted.push(length));
    request.on('end', () => {
      if (request.method === 'POST') bodies.push(length);
      response.end(request.url === '/blob' ? BLOB : `got ${length}`);
    });
  });
  return { server, bodies, aborted };
}

/** A raw TCP server that writes `size` bytes to each connection and counts what it receives. */
function tcpTarget(size: number): { server: Server; received: number[] } {
  const received: number[] = [];
  const server = createServer((socket) => {
    let count = 0;
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => (count += chunk.length));
    socket.on('close', () => received.push(count));
    socket.write(Buffer.alloc(size, 'y'));
  });
  return { server, received };
}

async function listen(server: Server | HttpServer): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Connects, sends `send`, collects bytes until the socket ends; reports how it ended. */
function rawExchange(port: number, send: Buffer, waitMs = 400): Promise<{ bytes: number; ended: 'end' | 'reset' | 'open' }> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let bytes = 0;
    let ended: 'end' | 'reset' | 'open' = 'open';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ bytes, ended });
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      ended = error.code === 'ECONNRESET' ? 'reset' : 'end';
      done();
    });
    socket.on('end', () => {
      ended = 'end';
      done();
    });
    socket.write(send);
  });
}

describe('fault proxy', () => {
  const http = httpTarget();
  const tcp = tcpTarget(1_000);
  let httpPort = 0;
  let tcpPort = 0;
  const proxies: FaultProxy[] = [];

  beforeAll(async () => {
    httpPort = await listen(http.server);
    tcpPort = await listen(tcp.server);
  });
  afterAll(async () => {
    http.server.closeAllConnections();
    await new Promise((resolve) => http.server.close(resolve));
    await new Promise((resolve) => tcp.server.close(resolve));
  });
  afterEach(async () => {
    for (const proxy of proxies.splice(0)) await proxy.close();
  });

  async function proxyTo(port: number, settings: Parameters<typeof startFaultProxy>[0]['settings'] = {}): Promise<FaultProxy> {
    const proxy = await startFaultProxy({ targetPort: port, settings, random: () => 0.5 });
    proxies.push(proxy);
    return proxy;
  }

  it('passes HTTP through untouched and counts the bytes', async () => {
    const proxy = await proxyTo(httpPort);
    const response = await fetch(`${proxy.url}/blob`);
    expect(Buffer.from(await response.arrayBuffer()).equals(BLOB)).toBe(true);
    expect(proxy.stats()).toMatchObject({ connections: 1, cuts: 0 });
    expect(proxy.stats().bytesDown).toBeGreaterThan(BLOB.length);
  });

  it('adds latency each way, switched on at run time', async () => {
    const proxy = await proxyTo(httpPort);
    await fetch(`${proxy.url}/warm`).then((r) => r.text());
    proxy.set({ latencyMs: 150, jitterMs: 100 });
    const started = performance.now();
    expect(await (await fetch(`${proxy.url}/slow`)).text()).toBe('got 0');
    const took = performance.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2_000);
  });

  it('caps the bandwidth: 16 KiB at 32 KiB/s takes about half a second', async () => {
    const proxy = await proxyTo(httpPort, { bytesPerSecond: 32 * 1024 });
    const started = performance.now();
    const body = Buffer.from(await (await fetch(`${proxy.url}/blob`)).arrayBuffer());
    const took = performance.now() - started;
    expect(body.length).toBe(BLOB.length);
    expect(took).toBeGreaterThanOrEqual(450);
    expect(took).toBeLessThan(2_500);
  });

  it('hangs: the connection is accepted but never answered, until the client gives up', async () => {
    const proxy = await proxyTo(httpPort, { hang: true });
    const started = performance.now();
    await expect(fetch(`${proxy.url}/blob`, { signal: AbortSignal.timeout(300) })).rejects.toThrow(/timeout|aborted/i);
    expect(performance.now() - started).toBeGreaterThanOrEqual(290);
    expect(proxy.stats()).toMatchObject({ hung: 1, bytesUp: 0, bytesDown: 0 });
  });

  it('a connection opened while hung that sent nothing works after heal; one whose request was swallowed stays dead', async () => {
    const proxy = await proxyTo(tcpPort, { hang: true });
    const idle = connect(proxy.port, '127.0.0.1');
    const swallowed = connect(proxy.port, '127.0.0.1');
    await Promise.all([once(idle, 'connect'), once(swallowed, 'connect')]);
    swallowed.write('lost');
    await new Promise((resolve) => setTimeout(resolve, 50));
    proxy.heal();
    const received = (socket: Socket) => new Promise<number>((resolve) => {
      let bytes = 0;
      socket.on('data', (chunk: Buffer) => (bytes += chunk.length));
      setTimeout(() => resolve(bytes), 300);
    });
    idle.write('now');
    swallowed.write('again');
    expect(await Promise.all([received(idle), received(swallowed)])).toEqual([1_000, 0]);
    idle.destroy();
    swallowed.destroy();
  });

  it('refuses: each new connection is reset at once', async () => {
    const proxy = await proxyTo(tcpPort, { refuse: true });
    expect(await rawExchange(proxy.port, Buffer.from('hi'))).toMatchObject({ bytes: 0, ended: 'reset' });
    expect(proxy.stats().refused).toBe(1);
  });

  it('cuts the answer after N bytes (reset or close), then passes the next connection', async () => {
    const proxy = await proxyTo(tcpPort, { cuts: [{ direction: 'downstream', afterBytes: 100, how: 'reset', times: 1 }] });
    expect(await rawExchange(proxy.port, Buffer.from('a'))).toEqual({ bytes: 100, ended: 'reset' });
    expect(await rawExchange(proxy.port, Buffer.from('b'))).toMatchObject({ bytes: 1_000, ended: 'open' });
    proxy.addCut({ direction: 'downstream', afterBytes: 0, how: 'close', times: 1 });
    expect(await rawExchange(proxy.port, Buffer.from('c'))).toEqual({ bytes: 0, ended: 'end' });
    expect(proxy.stats().cuts).toBe(2);
  });

  it('cuts a request body mid-way from a trigger: the server never sees the whole body', async () => {
    const proxy = await proxyTo(httpPort, { cuts: [{ direction: 'upstream', trigger: 'POST /upload', afterBytes: 2_000, times: 1 }] });
    await fetch(`${proxy.url}/warm`).then((r) => r.text());
    await expect(fetch(`${proxy.url}/upload`, { method: 'POST', body: BLOB })).rejects.toThrow();
    // The rule fired once: the same request now goes through whole.
    expect(await (await fetch(`${proxy.url}/upload`, { method: 'POST', body: BLOB })).text()).toBe(`got ${BLOB.length}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(http.bodies).toEqual([BLOB.length]);
    expect(http.aborted.every((length) => length < BLOB.length)).toBe(true);
  });

  it('resets every open connection on demand', async () => {
    const proxy = await proxyTo(tcpPort, { latencyMs: 5_000 });
    const exchange = rawExchange(proxy.port, Buffer.from('x'), 3_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(proxy.resetAll()).toBe(1);
    expect(await exchange).toEqual({ bytes: 0, ended: 'reset' });
    expect(proxy.stats()).toMatchObject({ resets: 1, open: 0 });
  });

  it('heals, and closes cleanly with connections open (afterwards nothing listens)', async () => {
    const proxy = await startFaultProxy({ targetPort: tcpPort, settings: { hang: true } });
    const hung = rawExchange(proxy.port, Buffer.from('x'), 2_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    proxy.heal();
    expect(await rawExchange(proxy.port, Buffer.from('y'))).toMatchObject({ bytes: 1_000 });
    const open = rawExchange(proxy.port, Buffer.from('z'), 2_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await proxy.close();
    expect((await hung).ended).not.toBe('open');
    expect((await open).ended).not.toBe('open');
    expect(await rawExchange(proxy.port, Buffer.from('w'))).toMatchObject({ bytes: 0 });
  });
});
