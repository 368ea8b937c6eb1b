import { describe, expect, it } from 'vitest';
import { formatEnrolQr, isEnrolQr, originOf, parseEnrolQr } from '../../../../electron/core/sync/protocol/enrol-qr';

describe('enrolment QR payload', () => {
  const qr = { origin: 'https://hub.quangninh.example', stationId: '06688-01', code: 'ABCDE-FGHJK-MNPQR-STVWX' };

  it('round-trips and lower-cases the origin', () => {
    expect(formatEnrolQr(qr)).toBe('TRAMENROL1:https://hub.quangninh.example|06688-01|ABCDE-FGHJK-MNPQR-STVWX');
    expect(parseEnrolQr(formatEnrolQr({ ...qr, origin: 'https://HUB.QuangNinh.example:8443' }))).toEqual({ ok: true, value: { ...qr, origin: 'https://hub.quangninh.example:8443' } });
    expect(parseEnrolQr(formatEnrolQr({ ...qr, origin: 'http://[::1]:8787' })).ok).toBe(true);
  });

  it.each([
    ['another prefix', 'TRAMENROL2:https://h.example|06688-01|ABCDE-FGHJK-MNPQR-STVWX', 'not_enrol_qr'],
    ['an ID-card QR', '022058001234|100234567|Nguyễn Văn An|01011958|Nam|…|01012021', 'not_enrol_qr'],
    ['two parts', 'TRAMENROL1:https://h.example|ABCDE-FGHJK-MNPQR-STVWX', 'malformed'],
    ['four parts', 'TRAMENROL1:https://h.example|06688-01|ABCDE-FGHJK|MNPQR', 'malformed'],
    ['a path in the origin', 'TRAMENROL1:https://h.example/x|06688-01|ABCDE-FGHJK-MNPQR-STVWX', 'malformed'],
    ['a credential in the origin', 'TRAMENROL1:https://u@h.example|06688-01|ABCDE-FGHJK-MNPQR-STVWX', 'malformed'],
    ['a lower-case station id', 'TRAMENROL1:https://h.example|06688-ab|ABCDE-FGHJK-MNPQR-STVWX', 'malformed'],
    ['a short code', 'TRAMENROL1:https://h.example|06688-01|ABCDE', 'malformed'],
    ['a code with spaces', 'TRAMENROL1:https://h.example|06688-01|ABCDE FGHJK MNPQR STVWX', 'malformed'],
  ])('refuses %s', (_name, text, reason) => {
    expect(parseEnrolQr(text)).toEqual({ ok: false, reason });
    expect(isEnrolQr(text)).toBe(reason !== 'not_enrol_qr');
  });

  it('takes the origin of a config URL as the QR writes it', () => {
    expect(originOf('https://Hub.Example/')).toBe('https://hub.example');
    expect(originOf('https://hub.example:443/path')).toBe('https://hub.example');
    expect(originOf('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(originOf('ftp://hub.example')).toBeNull();
    expect(originOf('https://user@hub.example')).toBeNull();
  });
});
