/**
 * `tram id parse`: reads a raw QR payload (bytes) on stdin and prints one JSON line — the parsed
 * ID card, or a typed error (exit 2). For technicians checking a scanner or a card; the output is
 * the card's data by design, so it goes to stdout only and is never logged.
 */
import { parseArgs } from 'node:util';
import { MAX_QR_LENGTH, parseCccdQr } from '../../core/identity/index';
import { decodeUtf8Strict } from '../../core/scanning/index';
import { printJson, processIo, type CliIo } from './cli-io';

const USAGE = 'Usage: tram id parse < payload.txt\n  Parses a citizen-ID-card QR payload read from stdin and prints one JSON line.\n';

// A payload of MAX_QR_LENGTH characters takes at most 3 bytes per UTF-16 unit in UTF-8.
const MAX_PAYLOAD_BYTES = MAX_QR_LENGTH * 3;

function fail(io: CliIo, code: string, message: string): number {
  printJson(io, { ok: false, code, message });
  return 2;
}

/** Runs `tram id <args>`; returns the exit status (0 parsed, 2 refused or usage error). */
export async function runIdCli(args: string[], io: CliIo = processIo()): Promise<number> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { help: { type: 'boolean', short: 'h' } } });
  } catch (error) {
    io.stderr(USAGE);
    return fail(io, 'usage', error instanceof Error ? error.message : 'bad arguments');
  }
  if (parsed.values['help'] === true) {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'parse') {
    io.stderr(USAGE);
    return fail(io, 'usage', "expected the sub-command 'parse'");
  }

  const bytes = await io.stdin();
  if (bytes.length > MAX_PAYLOAD_BYTES) return fail(io, 'too_long', `the payload is longer than ${MAX_PAYLOAD_BYTES} bytes`);
  const text = decodeUtf8Strict(bytes);
  if (text === null) return fail(io, 'invalid_utf8', 'the payload is not valid UTF-8');
  const result = parseCccdQr(text, { nowMs: io.now() });
  if (!result.ok) return fail(io, result.code, result.message);
  const card = result.value;
  printJson(io, {
    ok: true,
    id: card.id,
    old_id: card.oldId,
    name: card.name,
    birth_date: card.birthDate,
    gender: card.gender,
    address: card.address,
    issue_date: card.issueDate,
    warnings: card.warnings,
  });
  return 0;
}
