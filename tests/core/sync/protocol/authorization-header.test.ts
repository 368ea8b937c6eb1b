import { describe, expect, it } from 'vitest';
import { formatAuthorization, parseAuthorization } from '../../../../electron/core/sync/protocol/authorization-header';

describe('Authorization header (docs/PROTOCOL.md §3)', () => {
  const auth = { stationId: '06688-01', ts: 1_767_000_000_123, nonce: '-', sig: 'c2lnbmF0dXJl' };

  it('formats exactly as the protocol writes it and parses back', () => {
    const header = formatAuthorization(auth);
    expect(header).toBe('TramStation id=06688-01, ts=1767000000123, nonce=-, sig=c2lnbmF0dXJl');
    expect(parseAuthorization(header)).toEqual({ ok: true, value: auth });
  });

  it('accepts any order, extra spaces, quotes and a lower-case scheme', () => {
    const parsed = parseAuthorization('tramstation   sig="c2lnbmF0dXJl",nonce=abc123 ,  ts=5,id=06688-01');
    expect(parsed).toEqual({ ok: true, value: { stationId: '06688-01', ts: 5, nonce: 'abc123', sig: 'c2lnbmF0dXJl' } });
  });

  it('keeps b64 padding inside sig', () => {
    expect(parseAuthorization('TramStation id=A-01, ts=1, nonce=-, sig=QQ==')).toMatchObject({ ok: true, value: { sig: 'QQ==' } });
  });

  it.each([
    [undefined, 'missing header'],
    ['Bearer x', 'wrong scheme'],
    ['TramStation', 'wrong scheme'],
    ['TramStation id=A-01, ts=1, nonce=-', 'sig'],
    ['TramStation id=A-01, ts=1.5, nonce=-, sig=QQ==', 'ts'],
    ['TramStation id=A-01, ts=99999999999999999, nonce=-, sig=QQ==', 'ts'],
    ['TramStation id=A-01, ts=1, nonce=, sig=QQ==', 'nonce'],
    ['TramStation id=A-01, ts=1, nonce=-, sig=not base64!', 'sig'],
    ['TramStation id=A-01, id=B-01, ts=1, nonce=-, sig=QQ==', 'repeated id'],
    ['TramStation id=A-01, ts, nonce=-, sig=QQ==', 'parameter without value'],
  ])('refuses %j (%s)', (header, reason) => {
    expect(parseAuthorization(header)).toEqual({ ok: false, reason });
  });
});
