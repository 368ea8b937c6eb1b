import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runVolunteerCli } from '../../../electron/station/cli/volunteer-cli';
import { VolunteerAuth } from '../../../electron/station/services/volunteer-auth';
import { tempDir } from '../../support/station-db';

function io(stdin: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdin: async () => new TextEncoder().encode(stdin), stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

describe('tram volunteer set-pin', () => {
  let temp: ReturnType<typeof tempDir>;
  beforeEach(() => (temp = tempDir()));
  afterEach(() => temp.cleanup());

  it('stores a hash of the PIN read from stdin; the PIN then signs in', async () => {
    const run = io('739201\n');
    expect(await runVolunteerCli(['set-pin', '--data', temp.dir], run.io)).toBe(0);
    expect(JSON.parse(run.out.join(''))).toEqual({ ok: true });
    expect(readFileSync(join(temp.dir, 'keys.json'), 'utf8')).not.toContain('739201');
    const auth = new VolunteerAuth({ keysPath: join(temp.dir, 'keys.json'), wallMs: () => 0, demoMode: false });
    expect(() => auth.signInWithPin('739201')).not.toThrow();
  });

  it('refuses a bad PIN (and a new 4-digit one) and bad arguments with exit 2', async () => {
    const short = io('1234\n');
    expect(await runVolunteerCli(['set-pin', '--data', temp.dir], short.io)).toBe(2);
    expect(JSON.parse(short.out.join(''))).toMatchObject({ ok: false, code: 'bad_request' });
    const bad = io('12\n');
    expect(await runVolunteerCli(['set-pin', '--data', temp.dir], bad.io)).toBe(2);
    expect(JSON.parse(bad.out.join(''))).toMatchObject({ ok: false, code: 'bad_request' });
    expect(await runVolunteerCli(['set-pin'], io('1234').io)).toBe(2);
    expect(await runVolunteerCli(['--nope'], io('1234').io)).toBe(2);
  });

  it('lists the volunteer cards without tokens and revokes one by id', async () => {
    const auth = new VolunteerAuth({ keysPath: join(temp.dir, 'keys.json'), wallMs: () => Date.now(), demoMode: false });
    auth.setPin('739201');
    auth.signInWithPin('739201');
    const card = auth.issueCard('Lan');
    const list = io('');
    expect(await runVolunteerCli(['cards', '--data', temp.dir], list.io)).toBe(0);
    expect(list.out.join('')).not.toContain(card.payload.split(':')[1]);
    expect(JSON.parse(list.out.join(''))).toMatchObject({ ok: true, cards: [{ id: card.id, label: 'Lan', state: 'valid' }] });
    const revoke = io('');
    expect(await runVolunteerCli(['revoke-card', '--data', temp.dir, '--id', card.id], revoke.io)).toBe(0);
    expect(JSON.parse(revoke.out.join(''))).toMatchObject({ ok: true, cards: [{ id: card.id, state: 'revoked' }] });
    expect(await runVolunteerCli(['revoke-card', '--data', temp.dir], io('').io)).toBe(2);
    const unknown = io('');
    expect(await runVolunteerCli(['revoke-card', '--data', temp.dir, '--id', 'nope'], unknown.io)).toBe(2);
    expect(JSON.parse(unknown.out.join(''))).toMatchObject({ ok: false, code: 'not_found' });
  });
});
