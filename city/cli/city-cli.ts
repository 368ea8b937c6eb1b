/**
 * `tram city …`: the hub's command line. `serve` runs the hub until SIGINT/SIGTERM; the other
 * commands run against the data folder (PGlite) or DATABASE_URL (PostgreSQL), or — when a hub is
 * already serving that folder — through its loopback admin route.
 */
import { isIP } from 'node:net';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { runAdminCommand } from '../admin/admin-commands';
import type { AdminCommand, AdminResult } from '../admin/admin-commands';
import { KeyFileMismatchError } from '../crypto/key-fingerprint';
import { openHubContext } from '../hub-context';
import { FLEET_COMMANDS, FLEET_USAGE, runFleetCli } from '../fleet/fleet-cli';
import type { FleetHooks } from '../fleet/fleet-cli';
import { readLessonMap } from './lesson-map-file';
import { serveHub } from './serve-command';
import { readServeLock, runRemoteCommand, ServeLockDamagedError } from './serve-lock';
import { DEFAULT_WORK_SLOTS } from '../http/station-admission';

export interface CliIo {
  readonly stdout: (line: string) => void;
  readonly stderr: (line: string) => void;
  /** Where `add-staff` reads the password (first line). */
  readonly stdin: AsyncIterable<string | Buffer>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Stops `serve` (besides SIGINT/SIGTERM). */
  readonly signal?: AbortSignal;
}

const USAGE = [
  'usage: tram city <command> --data DIR',
  '  serve --data DIR [--port P] [--host H]   run the hub (DATABASE_URL selects PostgreSQL)',
  '        --province NN                     the province it serves (or TRAM_PROVINCE; stored at first start)',
  '        [--trust-proxy ADDR,…]            TLS proxies whose X-Forwarded-* are believed (or TRAM_TRUSTED_PROXIES)',
  '        [--public-url URL]                the hub address stations use, for enrolment QR codes (or TRAM_PUBLIC_URL)',
  '        [--max-in-flight N]               station requests handled at once (default 3 per core, 4–10)',
  '        [--read-database-url URL]         reports from a PostgreSQL hot standby (or READ_DATABASE_URL)',
  '  issue-code <station_id> --data DIR       one-time enrolment code, valid 7 days',
  '  add-staff <name> --data DIR [--role admin|ward_officer] [--wards 06688,06673]   password read from stdin',
  '  revoke <station_id> --data DIR',
  '  import FILE --data DIR                   apply a sneakernet bundle (.tram)',
  '  units FILE --data DIR                    load a newer commune-level units list (CSV, whole or nothing)',
  '  lesson-map PATH --data DIR               lesson → competences: a lessons folder, or JSON {"<lesson_id>": ["2.6"]}',
  '  lesson-facts FILE --data DIR             the facts of `tram lessons check --facts` (JSON) for the lesson page',
  '  detach-raw --older-than N --data DIR     detach raw-log months older than N months (reports keep their counts)',
  ...FLEET_USAGE,
];

/** An IP address or a CIDR range (`10.0.0.0/8`): what may be listed as a trusted proxy. */
export function isProxyAddress(text: string): boolean {
  const [address = '', bits, ...rest] = text.split('/');
  if (rest.length > 0 || isIP(address) === 0) return false;
  if (bits === undefined) return true;
  const max = isIP(address) === 4 ? 32 : 128;
  return /^\d{1,3}$/.test(bits) && Number(bits) >= 1 && Number(bits) <= max;
}

function defaultIo(): CliIo {
  return {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    stdin: process.stdin,
    env: process.env,
  };
}

async function firstLine(stream: AsyncIterable<string | Buffer>): Promise<string> {
  let text = '';
  for await (const chunk of stream) {
    text += typeof chunk === 'string' ? chunk : chunk.toString('utf8');
    if (text.includes('\n')) break;
  }
  return (text.split(/\r?\n/)[0] ?? '').trim();
}

/**
 * Runs `tram city <args>`; resolves to the process exit code. `fleetHooks` (the station's pack loader
 * and config schema, handed in by tools/tram.ts) are needed by the fleet commands (issue #18).
 */
/** The file a command was given, or null after saying why it cannot be read. */
async function readInput(target: string, io: CliIo): Promise<Buffer | null> {
  try {
    return await readFile(target);
  } catch (error) {
    io.stderr(`cannot read ${target}: ${(error as Error).message}`);
    return null;
  }
}

export async function runCityCli(args: string[], io: CliIo = defaultIo(), fleetHooks: FleetHooks | null = null): Promise<number> {
  if (args[0] !== undefined && FLEET_COMMANDS.has(args[0])) {
    if (fleetHooks === null) {
      io.stderr(`${args[0]}: run it through tram (it needs the station's pack loader and config schema)`);
      return 2;
    }
    return runFleetCli(args, io, fleetHooks);
  }
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        'max-in-flight': { type: 'string' },
        'older-than': { type: 'string' },
        'read-database-url': { type: 'string' },
        province: { type: 'string' },
        'trust-proxy': { type: 'string' },
        'public-url': { type: 'string' },
        role: { type: 'string' },
        wards: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    io.stderr((error as Error).message);
    USAGE.forEach(io.stderr);
    return 2;
  }
  const [command, target, ...extra] = parsed.positionals;
  const dataDir = parsed.values.data;
  if (parsed.values.help === true || command === undefined || command === 'help') {
    USAGE.forEach(command === undefined && parsed.values.help !== true ? io.stderr : io.stdout);
    return command === undefined && parsed.values.help !== true ? 2 : 0;
  }
  if (dataDir === undefined || extra.length > 0) {
    io.stderr(dataDir === undefined ? '--data DIR is required' : `unexpected arguments: ${extra.join(' ')}`);
    return 2;
  }
  const databaseUrl = io.env.DATABASE_URL;

  if (command === 'serve') {
    const port = Number(parsed.values.port ?? '8787');
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      io.stderr('--port must be 0–65535');
      return 2;
    }
    const maxInFlight = Number(parsed.values['max-in-flight'] ?? String(DEFAULT_WORK_SLOTS));
    if (!Number.isInteger(maxInFlight) || maxInFlight < 1 || maxInFlight > 10_000) {
      io.stderr('--max-in-flight must be 1–10000');
      return 2;
    }
    const readDatabaseUrl = parsed.values['read-database-url'] ?? io.env.READ_DATABASE_URL;
    if (readDatabaseUrl !== undefined && readDatabaseUrl !== '' && (databaseUrl === undefined || databaseUrl === '')) {
      io.stderr('--read-database-url needs DATABASE_URL (a replica of the PostgreSQL primary)');
      return 2;
    }
    const proxies = (parsed.values['trust-proxy'] ?? io.env.TRAM_TRUSTED_PROXIES ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
    const badProxy = proxies.find((item) => !isProxyAddress(item));
    if (badProxy !== undefined) {
      io.stderr(`--trust-proxy: "${badProxy.slice(0, 60)}" is not an IP address or CIDR range (list the proxies; "trust everyone" is not allowed)`);
      return 2;
    }
    const publicUrl = parsed.values['public-url'] ?? io.env.TRAM_PUBLIC_URL;
    if (publicUrl !== undefined && publicUrl !== '' && !/^https?:\/\/[^/\s]+\/?$/.test(publicUrl)) {
      io.stderr('--public-url: the hub origin, e.g. https://hub.quangninh.example');
      return 2;
    }
    return serveHub({
      dataDir,
      databaseUrl,
      readDatabaseUrl: readDatabaseUrl === '' ? undefined : readDatabaseUrl,
      port,
      host: parsed.values.host ?? '127.0.0.1',
      maxInFlight,
      io,
      province: parsed.values.province ?? io.env.TRAM_PROVINCE,
      trustedProxies: proxies,
      publicUrl: publicUrl === '' ? undefined : publicUrl,
      validatePack: fleetHooks?.validatePack,
    });
  }
  if (command === 'detach-raw') {
    const months = Number(parsed.values['older-than'] ?? 'NaN');
    if (target !== undefined || !Number.isInteger(months)) {
      io.stderr('detach-raw: --older-than N (months) is required');
      return 2;
    }
    return finish(io, dataDir, databaseUrl, { command: 'detach-raw', older_than_months: months });
  }
  if (target === undefined) {
    io.stderr(`${command}: missing argument`);
    return 2;
  }
  let admin: AdminCommand;
  switch (command) {
    case 'issue-code':
      admin = { command: 'issue-code', station_id: target };
      break;
    case 'revoke':
      admin = { command: 'revoke', station_id: target };
      break;
    case 'add-staff': {
      const role = parsed.values.role ?? 'admin';
      if (role !== 'admin' && role !== 'ward_officer') {
        io.stderr('--role must be admin or ward_officer');
        return 2;
      }
      const wards = (parsed.values.wards ?? '').split(',').map((item) => item.trim()).filter((item) => item !== '');
      admin = { command: 'add-staff', name: target, password: await firstLine(io.stdin), role, wards };
      break;
    }
    case 'units':
    case 'lesson-facts': {
      const bytes = await readInput(target, io);
      if (bytes === null) return 2;
      if (command === 'units') {
        admin = { command: 'units', csv_b64: bytes.toString('base64'), source: basename(target) };
        break;
      }
      let facts: unknown;
      try {
        facts = JSON.parse(bytes.toString('utf8'));
      } catch {
        io.stderr(`${target}: not JSON (expected the output of tram lessons check --facts)`);
        return 2;
      }
      admin = { command: 'lesson-facts', facts };
      break;
    }
    case 'import': {
      const bytes = await readInput(target, io);
      if (bytes === null) return 2;
      admin = { command: 'import', bundle_b64: bytes.toString('base64') };
      break;
    }
    case 'lesson-map': {
      const map = await readLessonMap(target);
      if (!map.ok) {
        io.stderr(map.error);
        return 2;
      }
      admin = { command: 'lesson-map', map: map.value };
      break;
    }
    default:
      io.stderr(`unknown command: ${command}`);
      USAGE.forEach(io.stderr);
      return 2;
  }
  return finish(io, dataDir, databaseUrl, admin);
}

/** Runs an admin command and prints its result; a key file that does not match is exit 1. */
async function finish(io: CliIo, dataDir: string, databaseUrl: string | undefined, admin: AdminCommand): Promise<number> {
  let result: AdminResult;
  try {
    result = await runCommand(dataDir, databaseUrl, admin);
  } catch (error) {
    if (!(error instanceof KeyFileMismatchError)) throw error;
    io.stderr(error.message);
    return 1;
  }
  result.stdout.forEach(io.stdout);
  result.stderr.forEach(io.stderr);
  return result.exit_code;
}

async function runCommand(dataDir: string, databaseUrl: string | undefined, command: AdminCommand): Promise<AdminResult> {
  let lock: Awaited<ReturnType<typeof readServeLock>>;
  try {
    lock = await readServeLock(dataDir);
  } catch (error) {
    // PostgreSQL takes any number of connections; only the embedded PGlite must not be opened twice.
    if (!(error instanceof ServeLockDamagedError) || databaseUrl === undefined) return { exit_code: 1, stdout: [], stderr: [(error as Error).message] };
    lock = null;
  }
  if (lock !== null) return runRemoteCommand(lock, command);
  const ctx = await openHubContext({ dataDir, databaseUrl });
  try {
    return await runAdminCommand(ctx, command);
  } finally {
    await ctx.db.close();
  }
}
