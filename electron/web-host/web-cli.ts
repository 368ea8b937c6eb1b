/**
 * `tram web` / `npm run web`: builds the renderer when it is missing or older than its sources, opens
 * the station in a data folder, serves it on loopback and prints the URL. SIGINT/SIGTERM close the
 * server and the database cleanly.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { openStation } from '../station/station';
import { startWebHost, WebHostError } from './web-host';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs);
}

/** True when dist/renderer is missing or older than renderer/ or the contract. */
export function rendererNeedsBuild(root: string): boolean {
  const built = join(root, 'dist', 'renderer', 'index.html');
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    return true;
  }
  return [join(root, 'renderer'), join(root, 'electron', 'contract')].some((dir) => newestMtime(dir) > builtAt);
}

function appVersion(): string {
  return (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
}

export async function runWebCli(args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        'allow-remote': { type: 'boolean', default: false },
        data: { type: 'string', default: join(repoRoot, '.tram-web-data') },
        config: { type: 'string' },
        'no-build': { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`tram web: ${(error as Error).message}\n`);
    return 2;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`tram web: --port must be 0..65535\n`);
    return 2;
  }
  if (!values['no-build'] && rendererNeedsBuild(repoRoot)) {
    process.stdout.write('Building the renderer…\n');
    const build = spawnSync(process.execPath, [join(repoRoot, 'bin', 'build.mjs'), 'renderer'], { stdio: 'inherit', cwd: repoRoot });
    if (build.status !== 0) return 1;
  }
  const station = openStation({
    dataDir: resolve(values.data),
    configPath: values.config ? resolve(values.config) : null,
    appVersion: appVersion(),
    lessonsDir: join(repoRoot, 'lessons'),
  });
  let host;
  try {
    host = await startWebHost({
      station,
      rendererDir: join(repoRoot, 'dist', 'renderer'),
      lessonsDir: join(repoRoot, 'lessons'),
      host: values.host,
      port,
      allowRemote: values['allow-remote'],
    });
  } catch (error) {
    await station.close();
    process.stderr.write(`tram web: ${(error as Error).message}\n`);
    return error instanceof WebHostError ? 2 : 1;
  }
  process.stdout.write(`Trạm Học Số đang chạy / serving at ${host.url}\n`);
  await new Promise<void>((resolveSignal) => {
    const stop = () => resolveSignal();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  await station.close();
  process.stdout.write('stopped\n');
  return 0;
}
