/**
 * `tram config check FILE`: validates a station config file exactly as the kiosk loads it and prints
 * one JSON line `{"ok", "problems": [{"path", "message"}]}`; exit 2 on any problem, so a technician
 * sees the field and the reason before copying the file to a station.
 * `tram config schema`: prints the generated JSON Schema (kiosk-config/station-config.schema.json).
 */
import { parseArgs } from 'node:util';
import { stationConfigJsonSchemaText } from '../config/config-json-schema';
import { loadConfig } from '../config/load-config';
import type { CliIo } from './cli-io';

export type ConfigCliIo = Pick<CliIo, 'stdout'>;

const USAGE = [
  'Usage: tram config check FILE   validate a station config; prints {"ok","problems":[{"path","message"}]}',
  '       tram config schema       print the JSON Schema generated from the config schema',
  '',
].join('\n');

function print(io: ConfigCliIo, value: unknown): void {
  io.stdout(`${JSON.stringify(value)}\n`);
}

function usageError(io: ConfigCliIo, message: string): number {
  print(io, { ok: false, problems: [{ path: '(arguments)', message }] });
  return 2;
}

/** Runs `tram config <args>`; returns the exit status (0 valid, 2 any problem or a usage error). */
export function runConfigCli(args: string[], io: ConfigCliIo = { stdout: (text) => void process.stdout.write(text) }): number {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    return usageError(io, error instanceof Error ? error.message : 'bad arguments');
  }
  if (parsed.values['help'] === true) {
    io.stdout(USAGE);
    return 0;
  }
  const [command, file, ...rest] = parsed.positionals;
  if (command === 'schema' && file === undefined) {
    io.stdout(stationConfigJsonSchemaText());
    return 0;
  }
  if (command !== 'check' || file === undefined || rest.length > 0) return usageError(io, "expected 'check FILE' or 'schema'");

  // A missing file is the demo config for the kiosk, but a technician checking FILE meant that file.
  const loaded = loadConfig(file, { missing: 'problem' });
  if (loaded.ok) {
    print(io, { ok: true, problems: [] });
    return 0;
  }
  print(io, { ok: false, problems: loaded.problems });
  return 2;
}
