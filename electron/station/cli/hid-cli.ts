/**
 * `tram hid decode --mode pos|keyboard [--layout auto|honeywell-64|generic-61]`: decodes a hex
 * capture of HID reports (one report per line, optional `@ms` times; see core/scanning/hex-reports)
 * through the same core code the station uses, and prints one JSON line per scan or error.
 * Exit 0 when every report decoded into scans, 2 on any error.
 */
import { parseArgs } from 'node:util';
import { decodeKeyboardReports, decodeUtf8Strict, HidPosAssembler, parseHexReports, type TimedReport } from '../../core/scanning/index';
import { printJson, processIo, MAX_STDIN_BYTES, type CliIo } from './cli-io';

const USAGE = 'Usage: tram hid decode --mode pos|keyboard [--layout auto|honeywell-64|generic-61] < capture.hex\n';
const LAYOUTS = ['auto', 'honeywell-64', 'generic-61'] as const;
type Layout = (typeof LAYOUTS)[number];

function fail(io: CliIo, code: string, message: string): number {
  printJson(io, { ok: false, code, message });
  return 2;
}

function isLayout(value: string): value is Layout {
  return (LAYOUTS as readonly string[]).includes(value);
}

function decodePos(io: CliIo, reports: readonly TimedReport[], layout: Layout): number {
  const assembler = new HidPosAssembler({ layout });
  let status = 0;
  let scans = 0;
  const report = (result: { kind: string; code?: string; message?: string; text?: string }): void => {
    if (result.kind === 'scan') {
      scans += 1;
      printJson(io, { ok: true, text: result.text });
    } else if (result.kind === 'error') {
      status = 2;
      printJson(io, { ok: false, code: result.code, message: result.message });
    }
  };
  for (const { bytes, atMs } of reports) {
    report(assembler.flush(atMs));
    report(assembler.push(bytes, atMs));
  }
  report(assembler.end());
  if (scans === 0 && status === 0) return fail(io, 'empty_scan', 'the capture holds no complete scan');
  return status;
}

function decodeKeyboard(io: CliIo, reports: readonly TimedReport[]): number {
  const result = decodeKeyboardReports(reports.map((timed) => timed.bytes));
  if (!result.ok) return fail(io, result.code, result.message);
  printJson(io, { ok: true, text: result.text });
  return 0;
}

/** Runs `tram hid <args>`; returns the exit status. */
export async function runHidCli(args: string[], io: CliIo = processIo()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      strict: true,
      options: { mode: { type: 'string' }, layout: { type: 'string', default: 'auto' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    io.stderr(USAGE);
    return fail(io, 'usage', error instanceof Error ? error.message : 'bad arguments');
  }
  const { mode, layout, help } = parsed.values;
  if (help === true) {
    io.stdout(USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1 || parsed.positionals[0] !== 'decode' || (mode !== 'pos' && mode !== 'keyboard') || !isLayout(layout)) {
    io.stderr(USAGE);
    return fail(io, 'usage', "expected 'decode --mode pos|keyboard' and a known --layout");
  }

  const bytes = await io.stdin();
  if (bytes.length > MAX_STDIN_BYTES) return fail(io, 'too_long', `the capture is longer than ${MAX_STDIN_BYTES} bytes`);
  const text = decodeUtf8Strict(bytes);
  if (text === null) return fail(io, 'bad_hex', 'the capture is not text');
  const capture = parseHexReports(text);
  if (!capture.ok) return fail(io, capture.code, capture.message);
  return mode === 'pos' ? decodePos(io, capture.reports, layout) : decodeKeyboard(io, capture.reports);
}
