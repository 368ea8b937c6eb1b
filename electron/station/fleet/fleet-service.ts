/**
 * The station's fleet loop (issue #18): every 15 minutes while the hub can be reached, and after each
 * successful sync, it checks the lesson channel and the signed config and sends a health report.
 * A lesson pack it installs is handed to the switcher (which waits for a free moment); config layers
 * it accepts take effect at once where that is safe (live-config.ts), the rest at the next start.
 * A hub that is down changes nothing: the station keeps what it
 * runs and says so in the next report. The same checks run on a USB bundle (`importFromFolder`).
 */
import { join } from 'node:path';
import { configAnswerSchema, healthAnswerSchema } from '../../core/sync/protocol/fleet/fleet-wire';
import { FleetError, isFleetError } from '../../core/sync/protocol/fleet/fleet-error';
import type { HealthReport } from '../../core/sync/protocol/fleet/health-report';
import { loadOrCreateKeys } from '../keys/key-store';
import { stationSigner } from '../sync/station-crypto';
import { hubSetting } from '../sync/sync-status';
import type { FetchFn } from '../sync/http-transport';
import type { ChannelSource } from './channel-source';
import { applyConfigDocuments } from './config-layers';
import type { ConfigApplyResult } from './config-layers';
import { trustContentKey } from './content-key-store';
import { openFolderSource } from './folder-source';
import { createHubSource } from './hub-source';
import type { HubSource } from './hub-source';
import { checkLessonChannel } from './lesson-channel';
import type { LessonCheck } from './lesson-channel';
import type { PackValidator } from './pack-install';
import type { PackStore } from './pack-store';
import type { PackSwitcher, SwitchTimers } from './pack-switch';

export const HEARTBEAT_MS = 15 * 60_000;
export const FIRST_CHECK_MS = 20_000;
/** Health after a sync at most this often (a busy day has a sync every few minutes). */
export const HEALTH_AFTER_SYNC_MIN_MS = 60_000;

export interface FleetServiceOptions {
  readonly dataDir: string;
  readonly configPath: string | null;
  readonly appVersion: string;
  readonly configuredHubUrl: string | null;
  readonly store: PackStore;
  readonly switcher: PackSwitcher;
  readonly validate: PackValidator;
  readonly health: () => HealthReport;
  readonly wallMs: () => number;
  readonly timers: SwitchTimers;
  readonly fetch?: FetchFn;
  readonly log: (event: string, fields: Record<string, unknown>) => void;
  /** A signed config layer was accepted (from the hub or a USB bundle): apply what can run at once. */
  readonly onConfigAccepted?: () => void;
}

export interface FleetImportResult {
  readonly lessons: LessonCheck | { readonly state: 'refused'; readonly code: string; readonly message: string } | { readonly state: 'none' };
  readonly config: ConfigApplyResult;
}

export interface FleetService {
  start(): void;
  stop(): void;
  /** One round now: lessons, config, health (the heartbeat). */
  checkNow(): Promise<void>;
  /** A sync just succeeded: send health (rate-limited). */
  afterSync(): void;
  importFromFolder(root: string): Promise<FleetImportResult>;
  /** The last channel problem (for health), or none. */
  channelError(): HealthReport['channel'];
  /** The hub as a signed source, or null (not enrolled, USB-only). */
  hub(): (HubSource & { readonly hubUrl: string }) | null;
}

export function createFleetService(options: FleetServiceOptions): FleetService {
  let abort = new AbortController();
  let timer: unknown = null;
  let running: Promise<void> | null = null;
  let lastHealthMs = -Infinity;
  let lastError: HealthReport['channel'] = { error: null, at_ms: null };
  const keysPath = join(options.dataDir, 'keys.json');

  const hub = (): (HubSource & { hubUrl: string }) | null => {
    let keys;
    try {
      keys = loadOrCreateKeys(keysPath);
    } catch {
      return null;
    }
    if (keys.enrolment === null || hubSetting(options.configuredHubUrl, keys.enrolment).kind !== 'network') return null;
    const source = createHubSource({
      hubUrl: keys.enrolment.hubUrl,
      stationId: keys.enrolment.stationId,
      sign: stationSigner(keys),
      wallMs: options.wallMs,
      signal: abort.signal,
      ...(options.fetch === undefined ? {} : { fetch: options.fetch }),
    });
    return { ...source, hubUrl: keys.enrolment.hubUrl };
  };

  const noteError = (error: unknown) => {
    const code = isFleetError(error) ? error.code : 'internal';
    lastError = { error: code, at_ms: Math.floor(options.wallMs()) };
    options.log('fleet.problem', { code, detail: (error as Error).message.slice(0, 300) });
  };

  const lessons = async (source: ChannelSource): Promise<LessonCheck> => {
    const result = await checkLessonChannel({ dataDir: options.dataDir, store: options.store, source, appVersion: options.appVersion, validate: options.validate, wallMs: options.wallMs, signal: abort.signal });
    if (result.state === 'installed') {
      options.log('fleet.pack_installed', { version: result.version, fetchedBytes: result.fetchedBytes, source: source.kind });
      options.switcher.request(result.version);
    }
    return result;
  };

  const config = async (source: ChannelSource): Promise<ConfigApplyResult> => {
    const answer = configAnswerSchema.safeParse(await source.configs());
    if (!answer.success) throw new FleetError('hub_bad_answer', 'config answer malformed');
    const contentKey = trustContentKey(options.dataDir, answer.data, options.wallMs());
    const result = applyConfigDocuments({ dataDir: options.dataDir, configPath: options.configPath, documents: answer.data.documents, contentKey });
    for (const applied of result.applied) options.log('fleet.config_accepted', { layer: applied.layer, version: applied.version });
    if (result.applied.length > 0) options.onConfigAccepted?.();
    for (const refused of result.refused) options.log('fleet.config_refused', { code: refused.code, detail: refused.message });
    return result;
  };

  const postHealth = async (source: HubSource) => {
    lastHealthMs = options.wallMs();
    const answer = healthAnswerSchema.safeParse(await source.postJson('/health', JSON.stringify(options.health())));
    if (!answer.success) throw new FleetError('hub_bad_answer', 'health answer malformed');
  };

  const round = async () => {
    const source = hub();
    if (source === null) return;
    let failed = false;
    for (const step of [() => lessons(source), () => config(source)]) {
      try {
        const result = await step();
        if ('refused' in result && result.refused[0] !== undefined) throw new FleetError(result.refused[0].code, result.refused[0].message);
      } catch (error) {
        failed = true;
        noteError(error);
        if (isFleetError(error, 'hub_unreachable', 'not_enrolled')) break;
      }
    }
    if (!failed) lastError = { error: null, at_ms: null };
    try {
      await postHealth(source);
    } catch (error) {
      noteError(error);
    }
  };

  const checkNow = () => {
    running ??= round().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = (ms: number) => {
    if (timer !== null) options.timers.clearTimeout(timer);
    timer = options.timers.setTimeout(() => {
      timer = null;
      void checkNow().finally(() => schedule(HEARTBEAT_MS));
    }, ms);
  };

  return {
    start() {
      abort = new AbortController();
      schedule(FIRST_CHECK_MS);
    },
    stop() {
      abort.abort();
      if (timer !== null) options.timers.clearTimeout(timer);
      timer = null;
    },
    checkNow,
    afterSync() {
      const source = hub();
      if (source === null || running !== null || options.wallMs() - lastHealthMs < HEALTH_AFTER_SYNC_MIN_MS) return;
      void postHealth(source).catch(noteError);
    },
    async importFromFolder(root) {
      const source = openFolderSource(root);
      let lessonResult: FleetImportResult['lessons'] = { state: 'none' };
      if (source.bundle.lessons !== null) {
        try {
          lessonResult = await lessons(source);
        } catch (error) {
          if (!isFleetError(error)) throw error;
          noteError(error);
          lessonResult = { state: 'refused', code: error.code, message: error.message };
        }
      }
      return { lessons: lessonResult, config: await config(source) };
    },
    channelError: () => lastError,
    hub,
  };
}
