/**
 * Event-loop delay of this process during a phase, next to a control: an idle Node process measuring
 * its own loop over the same period. On a shared 2-core machine the scheduler alone can delay a loop
 * by tens of milliseconds; the control's figure tells that noise apart from work this process did.
 * Garbage-collection pauses of this process are reported too, since they stop the loop as well.
 */
import { spawn } from 'node:child_process';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface LoopDelay {
  /** Highest and 99th-percentile delay in ms (includes the 10 ms sampling period). */
  readonly maxMs: number;
  readonly p99Ms: number;
  readonly meanMs: number;
}

export interface LoopWatch {
  stop(): Promise<{ readonly station: LoopDelay & { readonly maxGcMs: number }; readonly control: LoopDelay | null }>;
}

const RESOLUTION_MS = 10;
const ms = (ns: number) => Number((ns / 1e6).toFixed(1));

// The control: plain JavaScript, no imports of the project, prints its histogram when stdin closes.
const CONTROL_SOURCE = `
const { monitorEventLoopDelay } = require('node:perf_hooks');
const h = monitorEventLoopDelay({ resolution: ${RESOLUTION_MS} });
h.enable();
process.stdout.write('ready\\n');
process.stdin.resume();
process.stdin.on('end', () => {
  h.disable();
  process.stdout.write(JSON.stringify({ max: h.max, p99: h.percentile(99), mean: h.mean }) + '\\n');
});`;

function startControl(): { ready: Promise<void>; stop(): Promise<LoopDelay | null> } {
  const child = spawn(process.execPath, ['-e', CONTROL_SOURCE], { stdio: ['pipe', 'pipe', 'ignore'] });
  let output = '';
  let onReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (onReady = resolve));
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
    if (output.includes('ready\n')) onReady();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('error', () => onReady());
  return {
    ready: Promise.race([ready, exited]),
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill(), 10_000);
      await exited;
      clearTimeout(timer);
      const last = output.trim().split('\n').at(-1) ?? '';
      try {
        const h = JSON.parse(last) as { max: number; p99: number; mean: number };
        return { maxMs: ms(h.max), p99Ms: ms(h.p99), meanMs: ms(h.mean) };
      } catch {
        return null;
      }
    },
  };
}

/** Starts measuring this process's loop and the idle control's; resolves once both measure. */
export async function watchLoopDelay(): Promise<LoopWatch> {
  const control = startControl();
  await control.ready;
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  let maxGcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) maxGcMs = Math.max(maxGcMs, entry.duration);
  });
  gc.observe({ entryTypes: ['gc'] });
  histogram.enable();
  return {
    async stop() {
      histogram.disable();
      gc.disconnect();
      const station = { maxMs: ms(histogram.max), p99Ms: ms(histogram.percentile(99)), meanMs: ms(histogram.mean), maxGcMs: Number(maxGcMs.toFixed(1)) };
      return { station, control: await control.stop() };
    },
  };
}
