/**
 * The station's side of app updates (issue #18 item 5). The decision rules are pure
 * (core/fleet/update-policy.ts); this runs them against the hub and an `AppUpdateDriver` — in the
 * Electron kiosk electron-updater (electron/main/app-updater.ts), in tests a fake — and keeps what
 * happened in `fleet/update-state.json`, so that a failed install is still known after the restart
 * and reported in health.
 *
 * Night by night, while the nightly relaunch is due (main's power schedule asks every minute):
 * ask the hub what the rollout offers this station (a signed answer, the release statement signed by
 * the content key), let the driver download it from the station's feed (electron-updater checks the
 * SHA-512), accept the download only if its version and SHA-512 are the ones the statement signs,
 * then install it in place of the relaunch — unless someone is using the station.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { appReleaseSigningText } from '../../core/sync/protocol/fleet/content-key';
import { FleetError, isFleetError } from '../../core/sync/protocol/fleet/fleet-error';
import { appUpdateAnswerSchema } from '../../core/sync/protocol/fleet/fleet-wire';
import type { UpdatePlatform } from '../../core/sync/protocol/fleet/fleet-wire';
import type { HealthReport } from '../../core/sync/protocol/fleet/health-report';
import { decideNightly, judgeInstall, MAX_INSTALL_FAILURES, wantsVersion } from '../../core/fleet/update-policy';
import type { UpdatePhase } from '../../core/fleet/update-policy';
import { verifySignature } from '../sync/station-crypto';
import { trustContentKey } from './content-key-store';
import { fleetPaths, readJsonFile, writeJsonFile } from './fleet-files';
import type { HubSource } from './hub-source';

/** What the Electron shell provides: electron-updater behind a small interface. */
export interface AppUpdateDriver {
  /** Checks the feed and downloads what it offers (electron-updater verifies the SHA-512). Null: nothing newer. */
  fetchUpdate(feedUrl: string): Promise<{ readonly version: string; readonly sha512: string } | null>;
  /** Quits and runs the downloaded installer silently, starting the app again afterwards. */
  quitAndInstall(): void;
}

const stateSchema = z.object({
  phase: z.enum(['idle', 'checking', 'downloading', 'downloaded', 'failed']).catch('idle'),
  version: z.string().nullable().catch(null),
  error: z.string().regex(/^[a-z][a-z0-9_.-]{0,63}$/).nullable().catch(null),
  atMs: z.number().nullable().catch(null),
  checkedAtMs: z.number().nullable().catch(null),
  attempt: z.object({ version: z.string(), failures: z.int().min(0) }).nullable().catch(null),
  installing: z.boolean().catch(false),
});
type UpdateState = z.infer<typeof stateSchema>;
const INITIAL: UpdateState = { phase: 'idle', version: null, error: null, atMs: null, checkedAtMs: null, attempt: null, installing: false };
/** A check counts for tonight when it ran within this many hours. */
const NIGHT_MS = 12 * 60 * 60_000;

export interface UpdateControllerOptions {
  readonly dataDir: string;
  readonly appVersion: string;
  readonly platform: NodeJS.Platform;
  /** The signed hub source, or null when the station cannot reach a hub (not enrolled, USB-only). */
  readonly hub: () => (HubSource & { readonly hubUrl: string }) | null;
  readonly driver: AppUpdateDriver | null;
  readonly isBusy: () => boolean;
  readonly wallMs: () => number;
  readonly relaunch: () => void;
  readonly log?: (event: string, fields: Record<string, unknown>) => void;
}

export interface UpdateController {
  /** Asked each minute while the nightly relaunch is due. True: the app is restarting now. */
  nightly(minutesLeft: number): boolean;
  /** The update part of the health report. */
  health(): HealthReport['update'];
  /** Resolves when the check in flight (if any) is done (tests). */
  settled(): Promise<void>;
}

export function createUpdateController(options: UpdateControllerOptions): UpdateController {
  const file = join(fleetPaths(options.dataDir).fleetDir, 'update-state.json');
  const parsed = stateSchema.safeParse(readJsonFile(file));
  let state: UpdateState = parsed.success ? parsed.data : INITIAL;
  const save = (change: Partial<UpdateState>) => {
    state = { ...state, ...change };
    try {
      writeJsonFile(file, state);
    } catch (error) {
      options.log?.('update.state_unwritable', { detail: (error as Error).message });
    }
  };
  const platform: UpdatePlatform | null = options.platform === 'win32' || options.platform === 'linux' ? options.platform : null;
  let inFlight: Promise<void> = Promise.resolve();

  // A start after an install: did the new version come up?
  if (state.installing && state.attempt !== null) {
    const judged = judgeInstall(state.attempt, options.appVersion);
    if (judged.outcome === 'installed') save({ phase: 'idle', error: null, attempt: null, installing: false, version: options.appVersion, atMs: options.wallMs() });
    else save({ phase: 'failed', error: 'install_did_not_take', attempt: judged.attempt, installing: false, atMs: options.wallMs() });
    options.log?.('update.after_install', { outcome: judged.outcome, running: options.appVersion });
  } else if (state.phase === 'checking' || state.phase === 'downloading' || state.phase === 'downloaded') {
    // A download does not survive a restart in this process's memory: tomorrow's check starts over.
    save({ phase: 'idle' });
  }

  const fail = (code: string) => save({ phase: 'failed', error: code, atMs: options.wallMs() });

  const check = async () => {
    const hub = options.hub();
    if (hub === null || platform === null || options.driver === null) return;
    save({ phase: 'checking', checkedAtMs: options.wallMs(), error: null });
    try {
      const answer = appUpdateAnswerSchema.safeParse(await hub.getJson(`/app-update?platform=${platform}`));
      if (!answer.success) throw new FleetError('hub_bad_answer', 'app-update answer malformed');
      const contentKey = trustContentKey(options.dataDir, answer.data, options.wallMs());
      const release = answer.data.release;
      if (release === null || !wantsVersion(release.version, options.appVersion, state.attempt)) {
        save({ phase: 'idle' });
        return;
      }
      if (release.platform !== platform || !verifySignature(contentKey, appReleaseSigningText(release), release.sig)) throw new FleetError('bad_signature', 'the release statement is not signed by the city content key');
      save({ phase: 'downloading', version: release.version });
      const downloaded = await options.driver.fetchUpdate(`${hub.hubUrl.replace(/\/+$/, '')}${answer.data.feed_path}`);
      if (downloaded === null) {
        save({ phase: 'idle' });
        return;
      }
      if (downloaded.version !== release.version || downloaded.sha512 !== release.sha512) {
        fail('release_mismatch');
        options.log?.('update.refused', { offered: release.version, downloaded: downloaded.version });
        return;
      }
      save({ phase: 'downloaded', version: downloaded.version, atMs: options.wallMs() });
    } catch (error) {
      fail(isFleetError(error) ? error.code : 'download_failed');
      options.log?.('update.failed', { detail: (error as Error).message.slice(0, 200) });
    }
  };

  return {
    nightly(minutesLeft) {
      const phase: UpdatePhase = state.phase;
      const action = decideNightly({
        busy: options.isBusy(),
        minutesLeft,
        phase,
        checkedTonight: state.checkedAtMs !== null && options.wallMs() - state.checkedAtMs < NIGHT_MS,
        canUpdate: platform !== null && options.driver !== null && options.hub() !== null,
      });
      switch (action) {
        case 'wait':
          return false;
        case 'check':
          inFlight = check();
          return false;
        case 'install': {
          const version = state.version;
          if (version === null) {
            options.relaunch();
            return true;
          }
          const failures = state.attempt !== null && state.attempt.version === version ? state.attempt.failures : 0;
          save({ installing: true, attempt: { version, failures } });
          options.log?.('update.installing', { version });
          options.driver?.quitAndInstall();
          return true;
        }
        case 'relaunch':
          options.relaunch();
          return true;
      }
    },
    health: () => ({
      state: state.phase === 'failed' && state.attempt !== null && state.attempt.failures >= MAX_INSTALL_FAILURES ? 'blocked' : state.installing ? 'installing' : state.phase,
      version: state.version,
      error: state.error,
      at_ms: state.atMs,
    }),
    settled: () => inFlight,
  };
}
