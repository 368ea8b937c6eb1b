import { describe, expect, it } from 'vitest';
import { compareAppVersions, isAppVersion } from '../../../electron/core/sync/protocol/fleet/app-version';
import { decideNightly, judgeInstall, MAX_INSTALL_FAILURES, wantsVersion } from '../../../electron/core/fleet/update-policy';
import type { NightlyInput } from '../../../electron/core/fleet/update-policy';

const night = (over: Partial<NightlyInput> = {}): NightlyInput => ({ busy: false, minutesLeft: 50, phase: 'idle', checkedTonight: false, canUpdate: true, ...over });

describe('app versions', () => {
  it('orders releases, prereleases and numeric parts', () => {
    const sorted = ['0.9.0', '0.10.0-beta.2', '0.10.0-beta.10', '0.10.0', '1.0.0-rc', '1.0.0', '1.0.1', '10.0.0'];
    for (let i = 1; i < sorted.length; i++) expect(compareAppVersions(sorted[i - 1]!, sorted[i]!), `${sorted[i - 1]} < ${sorted[i]}`).toBeLessThan(0);
    expect(compareAppVersions('1.2.3', '1.2.3')).toBe(0);
    expect(isAppVersion('1.2')).toBe(false);
    expect(isAppVersion('01.2.3')).toBe(false);
    expect(() => compareAppVersions('x', '1.0.0')).toThrow(RangeError);
  });
});

describe('nightly update policy', () => {
  it('never restarts while someone uses the station, even with an update ready', () => {
    expect(decideNightly(night({ busy: true, phase: 'downloaded' }))).toBe('wait');
    expect(decideNightly(night({ busy: true, minutesLeft: 1 }))).toBe('wait');
  });

  it('checks once a night, waits for the download, then installs in place of the relaunch', () => {
    expect(decideNightly(night())).toBe('check');
    expect(decideNightly(night({ phase: 'checking', checkedTonight: true }))).toBe('wait');
    expect(decideNightly(night({ phase: 'downloading', checkedTonight: true }))).toBe('wait');
    expect(decideNightly(night({ phase: 'downloaded', checkedTonight: true }))).toBe('install');
    expect(decideNightly(night({ phase: 'idle', checkedTonight: true }))).toBe('relaunch');
  });

  it('a failed or unfinished download never holds the relaunch past the window', () => {
    expect(decideNightly(night({ phase: 'failed', checkedTonight: true }))).toBe('relaunch');
    expect(decideNightly(night({ phase: 'downloading', checkedTonight: true, minutesLeft: 4 }))).toBe('relaunch');
    expect(decideNightly(night({ canUpdate: false }))).toBe('relaunch');
  });

  it('an install that did not take is a failure, and the version is blocked after repeated failures', () => {
    expect(judgeInstall({ version: '1.1.0', failures: 0 }, '1.1.0')).toEqual({ outcome: 'installed', attempt: null });
    const first = judgeInstall({ version: '1.1.0', failures: 0 }, '1.0.0');
    expect(first).toEqual({ outcome: 'failed', attempt: { version: '1.1.0', failures: 1 } });
    expect(wantsVersion('1.1.0', '1.0.0', first.attempt)).toBe(true);
    expect(wantsVersion('1.1.0', '1.0.0', { version: '1.1.0', failures: MAX_INSTALL_FAILURES })).toBe(false);
    expect(wantsVersion('1.2.0', '1.0.0', { version: '1.1.0', failures: MAX_INSTALL_FAILURES })).toBe(true);
    expect(wantsVersion('1.0.0', '1.0.0', null)).toBe(false);
    expect(wantsVersion('0.9.0', '1.0.0', null)).toBe(false);
  });
});
