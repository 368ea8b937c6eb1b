import { describe, expect, it } from 'vitest';
import { parseUpdateInfo } from 'electron-updater/out/providers/Provider';
import { channelFileText, feedPath, feedToken, isFeedToken } from '../../../city/fleet/app-feed';
import { isInRollout, offeredRelease, rolloutBucket } from '../../../city/fleet/rollout';
import { decideRange } from '../../../city/http/byte-range';

const stations = Array.from({ length: 2000 }, (_, i) => ({ stationId: `${String(10000 + (i % 40)).padStart(5, '0')}-${i}`, wardCode: String(10000 + (i % 40)) }));

describe('staged rollout', () => {
  it('is deterministic per station and version, and roughly the asked share', () => {
    expect(rolloutBucket('06688-01', '1.2.0')).toBe(rolloutBucket('06688-01', '1.2.0'));
    const share = stations.filter((station) => isInRollout(station, { version: '1.2.0', percent: 10, wards: [] })).length / stations.length;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.13);
  });

  it('raising the percentage keeps everyone already in; 0 % reaches only listed wards; 100 % everyone', () => {
    const at = (percent: number) => new Set(stations.filter((station) => isInRollout(station, { version: '2.0.0', percent, wards: [] })).map((s) => s.stationId));
    const ten = at(10);
    const fifty = at(50);
    for (const id of ten) expect(fifty.has(id)).toBe(true);
    expect(at(0).size).toBe(0);
    expect(at(100).size).toBe(stations.length);
    expect(isInRollout({ stationId: '06688-01', wardCode: '06688' }, { version: '2.0.0', percent: 0, wards: ['06688'] })).toBe(true);
  });

  it('offers the newest release the station takes part in; a release without a rollout reaches nobody', () => {
    const releases = [{ version: '1.0.0' }, { version: '1.1.0' }, { version: '1.2.0' }];
    const rollouts = [
      { version: '1.0.0', percent: 100, wards: [] },
      { version: '1.1.0', percent: 0, wards: ['06688'] },
    ];
    expect(offeredRelease(releases, rollouts, { stationId: '06688-01', wardCode: '06688' })?.version).toBe('1.1.0');
    expect(offeredRelease(releases, rollouts, { stationId: '06690-01', wardCode: '06690' })?.version).toBe('1.0.0');
    expect(offeredRelease(releases, [], { stationId: '06690-01', wardCode: '06690' })).toBeNull();
  });
});

describe('electron-updater generic feed', () => {
  const release = { version: '1.2.0', file: 'tram-hoc-so-1.2.0-setup-x64.exe', sha512_b64: `${'A'.repeat(86)}==`, size: 123456, uploaded_at: Date.UTC(2026, 11, 4) };

  it('writes latest.yml as electron-builder does, and electron-updater reads it back', () => {
    // electron-updater's own parser (js-yaml inside), as the station's updater reads it.
    const info = parseUpdateInfo(channelFileText(release), 'latest.yml', new URL('https://hub.example/v1/app-feed/x/latest.yml'));
    expect(info).toEqual({
      version: '1.2.0',
      files: [{ url: release.file, sha512: release.sha512_b64, size: 123456 }],
      path: release.file,
      sha512: release.sha512_b64,
      releaseDate: '2026-12-04T00:00:00.000Z',
    });
  });

  it('feed tokens are per station, constant-time checked, and not the station id', () => {
    const secret = 'ab'.repeat(32);
    expect(feedToken(secret, '06688-01')).toMatch(/^[0-9a-f]{32}$/);
    expect(feedToken(secret, '06688-01')).not.toBe(feedToken(secret, '06688-02'));
    expect(feedToken('cd'.repeat(32), '06688-01')).not.toBe(feedToken(secret, '06688-01'));
    expect(isFeedToken(secret, '06688-01', feedToken(secret, '06688-01'))).toBe(true);
    expect(isFeedToken(secret, '06688-02', feedToken(secret, '06688-01'))).toBe(false);
    expect(feedPath(secret, '06688-01')).toBe(`/v1/app-feed/06688-01/${feedToken(secret, '06688-01')}/`);
  });
});

describe('byte ranges', () => {
  it.each([
    [undefined, 100, { kind: 'full' }],
    ['bytes=0-', 100, { kind: 'partial', start: 0, end: 99 }],
    ['bytes=40-', 100, { kind: 'partial', start: 40, end: 99 }],
    ['bytes=40-49', 100, { kind: 'partial', start: 40, end: 49 }],
    ['bytes=40-400', 100, { kind: 'partial', start: 40, end: 99 }],
    ['bytes=-10', 100, { kind: 'partial', start: 90, end: 99 }],
    ['bytes=100-', 100, { kind: 'unsatisfiable' }],
    ['bytes=-0', 100, { kind: 'unsatisfiable' }],
    ['bytes=0-1,5-6', 100, { kind: 'full' }],
    ['items=0-1', 100, { kind: 'full' }],
    ['bytes=9-3', 100, { kind: 'full' }],
  ])('%s of %d bytes', (header, size, decision) => {
    expect(decideRange(header, size)).toEqual(decision);
  });
});
