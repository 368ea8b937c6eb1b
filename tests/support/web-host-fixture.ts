/**
 * Starts the real web host on a fresh data folder for end-to-end tests and benchmarks: the renderer is
 * built if needed, the station opens on real SQLite, and the host listens on a free loopback port.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openStation, type Station } from '../../electron/station/station';
import { startWebHost, type WebHost } from '../../electron/web-host/web-host';
import { rendererNeedsBuild } from '../../electron/web-host/web-cli';

export const REPO_ROOT = resolve(import.meta.dirname, '..', '..');

export interface RunningWebHost {
  readonly host: WebHost;
  readonly station: Station;
  readonly dataDir: string;
  stop(): Promise<void>;
}

/** Builds dist/renderer when it is missing or stale. */
export function ensureRendererBuilt(): void {
  if (!rendererNeedsBuild(REPO_ROOT)) return;
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'build.mjs'), 'renderer'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`renderer build failed: ${result.stderr}`);
}

export async function startTestWebHost(options: { configPath?: string | null; dataDir?: string; lessonsDir?: string } = {}): Promise<RunningWebHost> {
  ensureRendererBuilt();
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'tram-e2e-'));
  const station = openStation({ dataDir, configPath: options.configPath ?? null, appVersion: '0.0.0-test', lessonsDir: options.lessonsDir ?? join(REPO_ROOT, 'lessons') });
  const host = await startWebHost({ station, rendererDir: join(REPO_ROOT, 'dist', 'renderer'), lessonsDir: options.lessonsDir ?? join(REPO_ROOT, 'lessons') });
  return {
    host,
    station,
    dataDir,
    stop: async () => {
      await host.close();
      await station.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
