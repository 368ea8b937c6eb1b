/**
 * `tram volunteer …` for technicians:
 * - `set-pin --data DIR`: the volunteer PIN of a station, read from stdin (never an argument, so it
 *   stays out of shell history) and stored scrypt-hashed in the key store, never in the config;
 * - `cards --data DIR`: the volunteer cards issued at the station (never their tokens);
 * - `revoke-card --data DIR --id ID`: revokes a lost card at once.
 */
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { StationError } from '../station-error';
import { VolunteerAuth } from '../services/volunteer-auth';
import { processIo, type CliIo } from './cli-io';

const USAGE = [
  'usage: tram volunteer set-pin --data DIR        (the PIN, 6–8 digits, on stdin)',
  '       tram volunteer cards --data DIR',
  '       tram volunteer revoke-card --data DIR --id CARD_ID',
].join('\n');

export async function runVolunteerCli(args: string[], io: Pick<CliIo, 'stdin' | 'stdout' | 'stderr'> = processIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, id: { type: 'string' } }, strict: true });
  } catch (error) {
    io.stderr(`tram volunteer: ${(error as Error).message}\n`);
    return 2;
  }
  const [command] = parsed.positionals;
  const { data, id } = parsed.values;
  if (!data || !['set-pin', 'cards', 'revoke-card'].includes(command ?? '') || (command === 'revoke-card' && !id)) {
    io.stderr(`${USAGE}\n`);
    return 2;
  }
  const auth = new VolunteerAuth({ keysPath: join(resolve(data), 'keys.json'), wallMs: () => Date.now(), demoMode: false });
  try {
    if (command === 'set-pin') {
      const pin = Buffer.from(await io.stdin()).toString('utf8').split(/\r?\n/)[0]?.trim() ?? '';
      auth.setPin(pin);
      io.stdout(`${JSON.stringify({ ok: true })}\n`);
    } else if (command === 'cards') {
      io.stdout(`${JSON.stringify({ ok: true, cards: auth.listCards() })}\n`);
    } else {
      io.stdout(`${JSON.stringify({ ok: true, cards: auth.revokeCard(id ?? '') })}\n`);
    }
    return 0;
  } catch (error) {
    const code = error instanceof StationError ? error.code : 'failed';
    io.stdout(`${JSON.stringify({ ok: false, code, message: (error as Error).message })}\n`);
    return 2;
  }
}
