/**
 * `tram volunteer set-pin --data DIR`: a technician sets the volunteer PIN of a station. The PIN is
 * read from stdin (never an argument, so it stays out of shell history) and stored scrypt-hashed in
 * the key store, never in the config.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StationError } from '../ipc/station-error';
import { VolunteerAuth } from '../services/volunteer-auth';
import { processIo, type CliIo } from './cli-io';

export async function runVolunteerCli(args: string[], io: Pick<CliIo, 'stdin' | 'stdout' | 'stderr'> = processIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' } }, strict: true });
  } catch (error) {
    io.stderr(`tram volunteer: ${(error as Error).message}\n`);
    return 2;
  }
  if (parsed.positionals[0] !== 'set-pin' || !parsed.values.data) {
    io.stderr('usage: tram volunteer set-pin --data DIR   (the PIN, 6–8 digits, on stdin)\n');
    return 2;
  }
  const pin = Buffer.from(await io.stdin()).toString('utf8').split(/\r?\n/)[0]?.trim() ?? '';
  try {
    new VolunteerAuth({ keysPath: join(resolve(parsed.values.data), 'keys.json'), wallMs: () => Date.now(), demoMode: false }).setPin(pin);
  } catch (error) {
    const code = error instanceof StationError ? error.code : 'failed';
    io.stdout(`${JSON.stringify({ ok: false, code, message: (error as Error).message })}\n`);
    return 2;
  }
  io.stdout(`${JSON.stringify({ ok: true })}\n`);
  return 0;
}
