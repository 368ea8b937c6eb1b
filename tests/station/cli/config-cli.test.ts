import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConfigCli } from '../../../electron/station/cli/config-cli';
import { stationConfigJsonSchemaText } from '../../../electron/station/config/config-json-schema';
import { DEMO_CONFIG } from '../../../electron/station/config/station-config';

function run(args: string[]) {
  let out = '';
  const status = runConfigCli(args, { stdout: (text) => void (out += text) });
  return { status, out };
}

describe('tram config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tram-config-cli-'));

  it('check prints ok and exits 0 for a valid file', () => {
    const file = join(dir, 'good.json');
    writeFileSync(file, JSON.stringify(DEMO_CONFIG));
    expect(run(['check', file])).toEqual({ status: 0, out: '{"ok":true,"problems":[]}\n' });
  });

  it('check names each bad field and the reason, exit 2', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, JSON.stringify({ ...DEMO_CONFIG, pin: '0000', idle: { warnAfterSeconds: 10, countdownSeconds: 20 } }));
    const { status, out } = run(['check', file]);
    expect(status).toBe(2);
    const printed = JSON.parse(out) as { ok: boolean; problems: Array<{ path: string; message: string }> };
    expect(printed.ok).toBe(false);
    expect(printed.problems.map((problem) => problem.path).sort()).toEqual(['idle.warnAfterSeconds', 'pin']);
    expect(printed.problems.every((problem) => problem.message.length > 0)).toBe(true);
  });

  it('check reports a missing file instead of falling back to the demo config', () => {
    const { status, out } = run(['check', join(dir, 'missing.json')]);
    expect(status).toBe(2);
    expect(JSON.parse(out)).toMatchObject({ ok: false, problems: [{ path: '(file)' }] });
  });

  it('schema prints the generated JSON Schema', () => {
    expect(run(['schema'])).toEqual({ status: 0, out: stationConfigJsonSchemaText() });
  });

  it('refuses bad usage with exit 2 and the same JSON shape', () => {
    for (const args of [[], ['check'], ['check', 'a', 'b'], ['lint', 'x'], ['--nope']]) {
      const { status, out } = run(args);
      expect(status).toBe(2);
      expect(JSON.parse(out)).toMatchObject({ ok: false, problems: [{ path: '(arguments)' }] });
    }
    expect(run(['--help']).status).toBe(0);
  });
});
