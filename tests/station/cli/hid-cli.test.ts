import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/station/cli/cli-io';
import { runHidCli } from '../../../electron/station/cli/hid-cli';

const HID = join(import.meta.dirname, '../../fixtures/hid');
type Outcome = { ok: true; text: string } | { ok: false; code: string };
type Case = { mode: 'pos' | 'keyboard'; layout?: string; expect: Outcome[] };
const manifest = JSON.parse(readFileSync(join(HID, 'expected.json'), 'utf8')) as { cases: Record<string, Case> };

async function run(args: string[], stdin: string | Uint8Array): Promise<{ status: number; lines: Record<string, unknown>[] }> {
  const out: string[] = [];
  const io: CliIo = {
    stdin: () => Promise.resolve(typeof stdin === 'string' ? Buffer.from(stdin) : stdin),
    stdout: (text) => out.push(text),
    stderr: () => undefined,
    now: () => 0,
  };
  const status = await runHidCli(args, io);
  return { status, lines: out.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('tram hid decode', () => {
  it.each(Object.entries(manifest.cases))('%s', async (file, spec) => {
    const args = ['decode', '--mode', spec.mode, ...(spec.layout ? ['--layout', spec.layout] : [])];
    const { status, lines } = await run(args, readFileSync(join(HID, file)));
    expect(lines.map((line) => (line['ok'] === true ? { ok: true, text: line['text'] } : { ok: false, code: line['code'] }))).toEqual(spec.expect);
    expect(status).toBe(spec.expect.every((outcome) => outcome.ok) ? 0 : 2);
  });

  it('refuses a capture with no complete scan', async () => {
    expect(await run(['decode', '--mode', 'pos'], '# nothing\n')).toEqual({ status: 2, lines: [{ ok: false, code: 'empty_scan', message: expect.any(String) }] });
  });

  it('refuses a 64-byte capture read with the 61-byte layout', async () => {
    const { status, lines } = await run(['decode', '--mode', 'pos', '--layout', 'generic-61'], readFileSync(join(HID, 'honeywell-64-single-report.hex')));
    expect(status).toBe(2);
    expect(lines[0]).toMatchObject({ ok: false, code: 'bad_report_length' });
  });

  it('answers usage errors with exit 2', async () => {
    for (const args of [[], ['decode'], ['decode', '--mode', 'serial'], ['decode', '--mode', 'pos', '--layout', 'x'], ['encode', '--mode', 'pos']]) {
      const { status, lines } = await run(args, '');
      expect(status).toBe(2);
      expect(lines[0]).toMatchObject({ ok: false, code: 'usage' });
    }
  });
});
