import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../electron/station/cli/cli-io';
import { runIdCli } from '../../../electron/station/cli/id-cli';

const QR = join(import.meta.dirname, '../../fixtures/qr');
const NOW = Date.UTC(2026, 2, 1);

async function run(args: string[], stdin: Uint8Array | string): Promise<{ status: number; lines: unknown[]; stderr: string; stdout: string }> {
  const out: string[] = [];
  let stderr = '';
  const io: CliIo = {
    stdin: () => Promise.resolve(typeof stdin === 'string' ? Buffer.from(stdin, 'utf8') : stdin),
    stdout: (text) => out.push(text),
    stderr: (text) => (stderr += text),
    now: () => NOW,
  };
  const status = await runIdCli(args, io);
  const stdout = out.join('');
  const lines = stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as unknown);
  return { status, lines, stderr, stdout };
}

describe('tram id parse', () => {
  it('prints one JSON line with snake_case fields for a valid card', async () => {
    const { status, lines } = await run(['parse'], readFileSync(join(QR, 'cccd-2021-7-fields.txt')));
    expect(status).toBe(0);
    expect(lines).toEqual([
      {
        ok: true,
        id: '079195000000',
        old_id: '025000000',
        name: 'Nguyễn Thị Mẫu',
        birth_date: '1995-01-01',
        gender: 'nu',
        address: 'Số 1 Đường Thử Nghiệm, Phường Mẫu, TP. Hồ Chí Minh',
        issue_date: '2021-04-15',
        warnings: [],
      },
    ]);
  });

  it('reads raw bytes: BOM, CRLF and mojibake are handled', async () => {
    for (const file of ['cccd-utf8-bom.txt', 'cccd-crlf-suffix.txt', 'mojibake-latin1.txt']) {
      const { status, lines } = await run(['parse'], readFileSync(join(QR, file)));
      expect(status).toBe(0);
      expect(lines[0]).toMatchObject({ ok: true });
    }
  });

  it('prints old_id null, warnings, and issue_date null when missing', async () => {
    const { lines } = await run(['parse'], readFileSync(join(QR, 'cccd-issue-date-missing.txt')));
    expect(lines[0]).toMatchObject({ ok: true, issue_date: null, warnings: ['issue_date_missing'] });
    const six = await run(['parse'], readFileSync(join(QR, 'cccd-6-field-variant.txt')));
    expect(six.lines[0]).toMatchObject({ old_id: null, warnings: ['six_field_layout'] });
  });

  it.each([
    ['payment-vietqr.txt', 'not_id_card'],
    ['url.txt', 'not_id_card'],
    ['learner-card.txt', 'not_id_card'],
    ['id-gender-mismatch.txt', 'id_gender_mismatch'],
    ['future-birth-date.txt', 'future_date'],
    ['empty-crlf-only.txt', 'empty'],
  ])('refuses %s with code %s and exit 2', async (file, code) => {
    const { status, lines } = await run(['parse'], readFileSync(join(QR, file)));
    expect(status).toBe(2);
    expect(lines).toEqual([{ ok: false, code, message: expect.any(String) }]);
  });

  it('refuses bytes that are not UTF-8 and oversized input', async () => {
    expect((await run(['parse'], Uint8Array.from([0x30, 0xff, 0x7c]))).lines).toEqual([{ ok: false, code: 'invalid_utf8', message: expect.any(String) }]);
    expect((await run(['parse'], new Uint8Array(100_000).fill(0x7c))).lines[0]).toMatchObject({ ok: false, code: 'too_long' });
  });

  it('does not echo the ID number in an error', async () => {
    const { lines } = await run(['parse'], readFileSync(join(QR, 'id-birth-mismatch.txt')));
    expect(JSON.stringify(lines)).not.toContain('079195000000');
  });

  it('answers usage errors with exit 2 and a typed error', async () => {
    for (const args of [[], ['frobnicate'], ['parse', 'extra'], ['parse', '--bogus']]) {
      const { status, lines, stderr } = await run(args, '');
      expect(status).toBe(2);
      expect(lines[0]).toMatchObject({ ok: false, code: 'usage' });
      expect(stderr).toContain('tram id parse');
    }
    const help = await run(['--help'], '');
    expect([help.status, help.stdout.startsWith('Usage: tram id parse')]).toEqual([0, true]);
  });
});
