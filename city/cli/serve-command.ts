/** `tram city serve`: listen, announce the address, run until SIGINT/SIGTERM, then close cleanly. */
import { KeyFileMismatchError } from '../crypto/key-fingerprint';
import { ensurePartitions } from '../db/partitions';
import { createHub } from '../http/create-hub';
import { ProvinceError } from '../units/hub-units';
import type { PackValidator } from '../fleet/publish-upload';
import type { CliIo } from './city-cli';
import { newAdminToken, readServeLock, removeServeLock, writeServeLock } from './serve-lock';

export interface ServeOptions {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly readDatabaseUrl?: string | undefined;
  readonly port: number;
  readonly host: string;
  readonly maxInFlight?: number;
  readonly io: CliIo;
  /** The province served (required the first time; later it must match the stored one). */
  readonly province?: string | undefined;
  readonly trustedProxies?: readonly string[];
  readonly publicUrl?: string | undefined;
  /** The stations' pack loader, for the lesson pack page (from tram's fleet hooks). */
  readonly validatePack?: PackValidator | undefined;
}

/** Serves until stopped; resolves to the exit code. */
export async function serveHub(options: ServeOptions): Promise<number> {
  const { io } = options;
  let existing: Awaited<ReturnType<typeof readServeLock>>;
  try {
    existing = await readServeLock(options.dataDir);
  } catch (error) {
    io.stderr((error as Error).message);
    return 1;
  }
  if (existing !== null) {
    io.stderr(`a hub (pid ${existing.pid}) is already serving ${options.dataDir} on port ${existing.port}`);
    return 1;
  }
  const adminToken = newAdminToken();
  let hub;
  try {
    hub = await createHub({
      dataDir: options.dataDir,
      databaseUrl: options.databaseUrl,
      readDatabaseUrl: options.readDatabaseUrl,
      adminToken,
      province: options.province,
      trustedProxies: options.trustedProxies ?? [],
      publicUrl: options.publicUrl,
      ...(options.validatePack === undefined ? {} : { validatePack: options.validatePack }),
      ...(options.maxInFlight === undefined ? {} : { maxInFlight: options.maxInFlight }),
      logger: { level: io.env.LOG_LEVEL ?? 'info', stream: process.stderr },
    });
  } catch (error) {
    if (!(error instanceof KeyFileMismatchError) && !(error instanceof ProvinceError)) throw error;
    io.stderr(error.message);
    return 1;
  }
  if ((await hub.ctx.wards()).provinceCode === null) {
    io.stderr('the hub serves one province: start it once with --province NN (e.g. --province 22 for Tỉnh Quảng Ninh) or TRAM_PROVINCE');
    await hub.close();
    return 2;
  }
  let address;
  try {
    await hub.app.listen({ port: options.port, host: options.host });
    address = hub.app.server.address();
  } catch (error) {
    io.stderr(`cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`);
    await hub.close();
    return 1;
  }
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  await writeServeLock(options.dataDir, { pid: process.pid, port, token: adminToken });
  const shownHost = options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host.includes(':') ? `[${options.host}]` : options.host;
  io.stdout(`listening on http://${shownHost}:${port}`);

  // Monthly partitions ahead of time (made at start too): a hub may run for months without a restart.
  const partitionTimer = setInterval(() => {
    ensurePartitions(hub.ctx.db, { nowMs: hub.ctx.now() }).catch((error: unknown) => io.stderr(`partitions: ${(error as Error).message}`));
  }, 12 * 60 * 60 * 1000);
  partitionTimer.unref();
  const stoppedBy = await new Promise<string>((resolve) => {
    const finish = (name: string) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(name);
    };
    const onInt = () => finish('SIGINT');
    const onTerm = () => finish('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    if (io.signal?.aborted === true) finish('abort');
    else io.signal?.addEventListener('abort', () => finish('abort'), { once: true });
  });
  clearInterval(partitionTimer);
  io.stderr(`stopping (${stoppedBy})`);
  try {
    await hub.close();
  } finally {
    await removeServeLock(options.dataDir);
  }
  return 0;
}
