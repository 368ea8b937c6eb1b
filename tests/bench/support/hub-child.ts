/**
 * The "far side" of the 2G bench in its own process: a PGlite hub on 127.0.0.1 behind the shaping
 * proxy. Kept out of the station's process so that the event-loop delay measured there is the
 * station's own (SQLite reads, chain checks, signing), not the hub's inserts or the proxy's timers.
 *
 * Run: node --import tsx hub-child.ts <stationId> <latencyMs> <jitterMs> <bytesPerSecond>
 * Prints one JSON line {proxyUrl, code}; then answers each stdin line "count" with {stored, link}
 * and exits cleanly on "close" or when stdin ends (the parent died).
 */
import { createInterface } from 'node:readline';
import { startBenchHub } from './bench-hub';
import { startShapingProxy } from './shaping-proxy';

const [stationId = '', latencyMs = '800', jitterMs = '400', bytesPerSecond = '8000'] = process.argv.slice(2);

const hub = await startBenchHub();
const proxy = await startShapingProxy({ host: '127.0.0.1', port: hub.port }, { latencyMs: Number(latencyMs), jitterMs: Number(jitterMs), bytesPerSecond: Number(bytesPerSecond) });
const code = await hub.issueCode(stationId);
process.stdout.write(`${JSON.stringify({ proxyUrl: proxy.url, code })}\n`);

let closing: Promise<void> | null = null;
const close = () => {
  closing ??= (async () => {
    await proxy.close();
    await hub.close();
  })();
  return closing;
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line === 'count') process.stdout.write(`${JSON.stringify({ stored: await hub.countEvents(stationId), link: proxy.stats() })}\n`);
  if (line === 'close') break;
}
await close();
process.stdout.write('closed\n');
