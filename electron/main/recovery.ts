/**
 * Applies the core recovery ladder (electron/core/kiosk/recovery-ladder.ts) to the real window:
 * renderer gone → reload, hung → force-crash and reload, repeated → relaunch, GPU crash → relaunch
 * with hardware acceleration off. The "off" choice is remembered in userData/recovery-state.json and
 * read at the next start BEFORE `ready`, the only time `app.disableHardwareAcceleration()` works.
 * To try the GPU again, delete that file (FIELD-GUIDE.md).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, type BrowserWindow } from 'electron';
import { writeFileAtomic } from '../station/fs/atomic-file';
import { initialRecoveryState, nextRecoveryStep, type RecoveryAction, type RecoveryEvent } from '../core/kiosk/recovery-ladder';

export const RECOVERY_STATE_FILE = 'recovery-state.json';
/** Electron says "unresponsive" after a few seconds; an old PC may be merely slow, so wait a little more. */
export const UNRESPONSIVE_GRACE_MS = 15_000;

export interface RememberedRecoveryState {
  readonly hardwareAccelerationOff: boolean;
}

/** Reads the remembered choice; a missing or damaged file means "GPU on" (and says so in the log). */
export function readRecoveryState(userDataDir: string, log: (message: string) => void = console.warn): RememberedRecoveryState {
  let text: string;
  try {
    text = readFileSync(join(userDataDir, RECOVERY_STATE_FILE), 'utf8');
  } catch {
    return { hardwareAccelerationOff: false };
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && typeof (parsed as Record<string, unknown>).hardwareAccelerationOff === 'boolean') {
      return { hardwareAccelerationOff: (parsed as { hardwareAccelerationOff: boolean }).hardwareAccelerationOff };
    }
  } catch {
    // fall through: a damaged file is reported below, never a crash at start
  }
  log(`${RECOVERY_STATE_FILE} is damaged; starting with hardware acceleration on`);
  return { hardwareAccelerationOff: false };
}

/** Writes the remembered choice atomically and durably (electron/station/fs/atomic-file.ts), so a power cut leaves old or new. */
export function writeRecoveryState(userDataDir: string, state: RememberedRecoveryState, atIso: string): void {
  mkdirSync(userDataDir, { recursive: true });
  const file = join(userDataDir, RECOVERY_STATE_FILE);
  writeFileAtomic(file, `${JSON.stringify({ ...state, changedAt: atIso })}\n`);
}

/** Before `ready`: switches hardware acceleration off when a GPU crash was remembered. */
export function applyRememberedGpuChoice(userDataDir: string): RememberedRecoveryState {
  const state = readRecoveryState(userDataDir);
  if (state.hardwareAccelerationOff) app.disableHardwareAcceleration();
  return state;
}

export interface RecoveryOptions {
  readonly userDataDir: string;
  readonly hardwareAccelerationOff: boolean;
  /** Closes the station cleanly and starts the app again (main.ts decides how). */
  readonly relaunch: () => void;
  readonly nowMs?: () => number;
  readonly log?: (message: string) => void;
}

/** Watches the window and the GPU process; returns a function that stops watching. */
export function watchRecovery(window: BrowserWindow, options: RecoveryOptions): () => void {
  const now = options.nowMs ?? Date.now;
  const log = options.log ?? console.warn;
  const contents = window.webContents;
  let state = initialRecoveryState(options.hardwareAccelerationOff);
  let hangTimer: ReturnType<typeof setTimeout> | null = null;

  const perform = (action: RecoveryAction, event: RecoveryEvent) => {
    if (action === 'none') return;
    log(`recovery: ${event.kind}${'reason' in event ? ` (${event.reason})` : ''} → ${action}`);
    if (action === 'reload') {
      if (window.isDestroyed()) return;
      // Electron's documented way to reload a hung page: crash its renderer, then reload in a new one.
      if (event.kind === 'unresponsive') contents.forcefullyCrashRenderer();
      contents.reload();
      return;
    }
    if (action === 'relaunch-without-gpu') {
      try {
        writeRecoveryState(options.userDataDir, { hardwareAccelerationOff: true }, new Date(now()).toISOString());
      } catch (error) {
        log(`recovery: cannot remember the GPU choice: ${(error as Error).message}`);
      }
    }
    options.relaunch();
  };

  const handle = (event: RecoveryEvent) => {
    const step = nextRecoveryStep(state, event);
    state = step.state;
    perform(step.action, event);
  };

  const onGone = (_event: unknown, details: Electron.RenderProcessGoneDetails) => handle({ kind: 'renderer-gone', reason: details.reason, atMs: now() });
  const onUnresponsive = () => {
    if (hangTimer) return;
    hangTimer = setTimeout(() => {
      hangTimer = null;
      handle({ kind: 'unresponsive', atMs: now() });
    }, UNRESPONSIVE_GRACE_MS);
  };
  const onResponsive = () => {
    if (hangTimer) clearTimeout(hangTimer);
    hangTimer = null;
  };
  const onChildGone = (_event: unknown, details: Electron.Details) => {
    if (details.type === 'GPU') handle({ kind: 'gpu-gone', reason: details.reason, atMs: now() });
  };

  contents.on('render-process-gone', onGone);
  window.on('unresponsive', onUnresponsive);
  window.on('responsive', onResponsive);
  app.on('child-process-gone', onChildGone);
  return () => {
    onResponsive();
    contents.off('render-process-gone', onGone);
    window.off('unresponsive', onUnresponsive);
    window.off('responsive', onResponsive);
    app.off('child-process-gone', onChildGone);
  };
}
