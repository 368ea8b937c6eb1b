import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { openStation, type Station } from '../../electron/station/station';
import { startWebHost, WebHostError, type WebHost } from '../../electron/web-host/web-host';
import { ensureRendererBuilt, REPO_ROOT } from '../support/web-host-fixture';

const rendererDir = join(REPO_ROOT, 'dist', 'renderer');

function connect(url: string, headers: Record<string, string> = {}): Promise<{ socket: WebSocket | null; status: number | null }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve({ socket, status: null }));
    socket.once('unexpected-response', (_request, response) => resolve({ socket: null, status: response.statusCode ?? null }));
    socket.once('error', () => resolve({ socket: null, status: -1 }));
  });
}

function ask(socket: WebSocket, frame: string): Promise<unknown> {
  return new Promise((resolve) => {
    socket.once('message', (data) => resolve(JSON.parse(String(data))));
    socket.send(frame);
  });
}

describe('web host', () => {
  let dataDir: string;
  let station: Station;
  let host: WebHost;

  beforeAll(async () => {
    ensureRendererBuilt();
    dataDir = mkdtempSync(join(tmpdir(), 'tram-webhost-'));
    station = openStation({ dataDir, configPath: null, appVersion: 'test', lessonsDir: null });
    host = await startWebHost({ station, rendererDir });
  });

  afterAll(async () => {
    await host.close();
    await station.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 on a free port and prints a URL with a per-run token', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]{32}$/);
    expect(host.port).toBeGreaterThan(0);
  });

  it('refuses a non-loopback interface unless explicitly allowed', async () => {
    await expect(startWebHost({ station, rendererDir, host: '0.0.0.0' })).rejects.toMatchObject({ code: 'non_loopback' });
    await expect(startWebHost({ station, rendererDir, host: '0.0.0.0' })).rejects.toBeInstanceOf(WebHostError);
  });

  // Issue #20 (low): --allow-remote is for development; it still checks where a page comes from.
  it('with --allow-remote, still refuses a bridge opened from a foreign origin', async () => {
    const remote = await startWebHost({ station, rendererDir, host: '0.0.0.0', allowRemote: true });
    try {
      const ws = `ws://127.0.0.1:${remote.port}/bridge?token=${remote.token}`;
      expect((await connect(ws, { Origin: 'https://evil.example' })).status).toBe(403);
      expect((await connect(ws, { Origin: `http://127.0.0.1:${remote.port}`, Host: `192.0.2.7:${remote.port}` })).status).toBe(403);
      const same = await connect(ws, { Origin: `http://192.0.2.7:${remote.port}`, Host: `192.0.2.7:${remote.port}` });
      expect(same.socket).not.toBeNull();
      same.socket?.close();
    } finally {
      await remote.close();
    }
  });

  it('refuses to start without a built renderer', async () => {
    await expect(startWebHost({ station, rendererDir: dataDir })).rejects.toMatchObject({ code: 'no_renderer' });
  });

  it('serves the renderer with a CSP and refuses foreign Host headers and path escapes', async () => {
    const base = `http://127.0.0.1:${host.port}`;
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    expect((await fetch(`${base}/..%2f..%2fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(405);
  });

  it('refuses the bridge without the token, with a wrong token, or from a foreign origin', async () => {
    const ws = `ws://127.0.0.1:${host.port}/bridge`;
    expect((await connect(ws)).status).toBe(403);
    expect((await connect(`${ws}?token=wrong`)).status).toBe(403);
    expect((await connect(`${ws}?token=${host.token}`, { Origin: 'https://evil.example' })).status).toBe(403);
    const good = await connect(`${ws}?token=${host.token}`, { Origin: `http://127.0.0.1:${host.port}` });
    expect(good.socket).not.toBeNull();
    good.socket?.close();
  });

  it('answers commands, and malformed or unknown frames with typed errors', async () => {
    const { socket } = await connect(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`);
    if (!socket) throw new Error('no socket');
    await expect(ask(socket, JSON.stringify({ id: 4, command: 'getStatus', input: {} }))).resolves.toMatchObject({ id: 4, result: { ok: true, value: { stationId: '06688-DEMO' } } });
    await expect(ask(socket, '{not json')).resolves.toMatchObject({ result: { ok: false, error: { code: 'bad_request' } } });
    await expect(ask(socket, JSON.stringify({ command: 'echo' }))).resolves.toMatchObject({ result: { ok: false, error: { code: 'bad_request' } } });
    await expect(ask(socket, JSON.stringify({ id: 5, command: 'nope', input: {} }))).resolves.toMatchObject({ id: 5, result: { ok: false, error: { code: 'unknown_command' } } });
    socket.close();
  });

  it('closes a socket that sends an oversized frame, and keeps serving others', async () => {
    const { socket } = await connect(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`);
    if (!socket) throw new Error('no socket');
    const closed = new Promise<number>((resolve) => socket.once('close', (code) => resolve(code)));
    socket.send(JSON.stringify({ id: 1, command: 'echo', input: { text: 'x'.repeat(200_000) } }));
    await expect(closed).resolves.toBe(1009);
    const again = await connect(`ws://127.0.0.1:${host.port}/bridge?token=${host.token}`);
    await expect(ask(again.socket!, JSON.stringify({ id: 9, command: 'echo', input: { text: 'ok' } }))).resolves.toMatchObject({ result: { ok: true } });
    again.socket?.close();
  });
});
