/**
 * In-app lockdown of the kiosk window (docs/ARCHITECTURE.md §9, kiosk-shell.md §b "kiosk-specific hardening").
 * Swallows the keys that would reload, inspect, zoom, close, print or leave the page, removes the
 * default menu (whose accelerators do the same) and pins the zoom at 100 %.
 *
 * What the app CANNOT block, and where it is handled instead (electron#2272, #7597, #38515: Electron's
 * `kiosk` is only full screen on Windows and Linux):
 * - Alt+Tab, Win key, Win+D/Tab, Ctrl+Alt+Del, Ctrl+Shift+Esc, touch-edge swipes: OS level. The kiosk
 *   account runs the app as its shell (build/windows/setup-kiosk.ps1) with Task Manager disabled, so
 *   there is nothing to switch to; on Linux the kiosk session has no desktop (build/linux/).
 * - PrintScreen: swallowed here so the page never sees it, but Windows 11 may also open the Snipping
 *   Tool; setup-kiosk.ps1 turns that off for the kiosk account.
 * - Alt+F4 is a window-manager command on Windows: the key is swallowed here AND the window refuses
 *   `close` unless the app itself is shutting down.
 * Downloads are refused for the whole session in secure-window.ts (`will-download`).
 *
 * A volunteer leaves the kiosk with Ctrl+Alt+Shift+V followed by the volunteer PIN. The PIN check
 * itself belongs to the volunteer-rights work (issue 9): it is injected as `verifyVolunteerPin`.
 */
import { Menu, type BrowserWindow } from 'electron';

/** The subset of Electron's `Input` the rules read. */
export interface KeyInput {
  readonly type: string;
  readonly key: string;
  readonly code: string;
  readonly control: boolean;
  readonly shift: boolean;
  readonly alt: boolean;
  readonly meta: boolean;
  readonly isAutoRepeat?: boolean;
}

export type BlockedKeyRule = 'reload' | 'devtools' | 'zoom' | 'close' | 'print' | 'print-screen' | 'fullscreen' | 'history' | 'volunteer-combo';

export type KeyDecision = { readonly kind: 'allow' } | { readonly kind: 'block'; readonly rule: BlockedKeyRule } | { readonly kind: 'volunteer-exit' };

export const VOLUNTEER_EXIT_COMBO = 'Ctrl+Alt+Shift+V';

const ALLOW: KeyDecision = { kind: 'allow' };
const block = (rule: BlockedKeyRule): KeyDecision => ({ kind: 'block', rule });

// Zoom keys by physical code and by produced character: Vietnamese Telex IMEs and number-row layouts
// differ, and Ctrl+Shift+= produces "+".
const ZOOM_CODES = new Set(['Equal', 'Minus', 'Digit0', 'NumpadAdd', 'NumpadSubtract', 'Numpad0']);
const ZOOM_KEYS = new Set(['=', '+', '-', '_', '0']);

/**
 * Decides what to do with one key event. Letters are matched on `code` (the physical key), so an IME
 * rewriting `key` cannot slip a shortcut through.
 */
export function classifyKey(input: KeyInput): KeyDecision {
  const { key, code, control, shift, alt } = input;
  // Windows delivers PrintScreen to applications as a key-up only.
  if (key === 'PrintScreen' || code === 'PrintScreen') return block('print-screen');
  if (control && alt && shift && code === 'KeyV') return input.type === 'keyDown' && input.isAutoRepeat !== true ? { kind: 'volunteer-exit' } : block('volunteer-combo');
  if (key === 'F5' || key === 'BrowserRefresh' || (control && code === 'KeyR')) return block('reload');
  if (key === 'F12' || (control && shift && (code === 'KeyI' || code === 'KeyJ' || code === 'KeyC'))) return block('devtools');
  if (control && (ZOOM_CODES.has(code) || ZOOM_KEYS.has(key))) return block('zoom');
  if ((alt && key === 'F4') || (control && (code === 'KeyW' || code === 'KeyQ' || key === 'F4'))) return block('close');
  if (control && code === 'KeyP') return block('print');
  if (key === 'F11') return block('fullscreen');
  if ((alt && (key === 'ArrowLeft' || key === 'ArrowRight')) || key === 'BrowserBack' || key === 'BrowserForward') return block('history');
  // A lone Alt is left alone: the menu is removed, and wedge scanners type some characters as
  // Alt+numpad sequences.
  return ALLOW;
}

export interface LockdownOptions {
  /** The volunteer pressed the exit combo: show the PIN prompt. */
  readonly onVolunteerExitRequested: () => void;
  /** True while the app itself is shutting down (or in a development window): lets `close` through. */
  readonly allowClose: () => boolean;
}

/** Removes the default application menu and its accelerators (reload, devtools, zoom, quit). */
export function removeApplicationMenu(): void {
  Menu.setApplicationMenu(null);
}

/** Applies every in-app lockdown rule to the kiosk window. */
export function applyLockdown(window: BrowserWindow, options: LockdownOptions): void {
  const contents = window.webContents;
  contents.on('before-input-event', (event, input) => {
    const decision = classifyKey(input);
    if (decision.kind === 'allow') return;
    event.preventDefault();
    if (decision.kind === 'volunteer-exit') options.onVolunteerExitRequested();
  });
  // Pinch zoom off; Ctrl+wheel zoom is undone at once. The page's own text sizes are the accessible ones.
  const pinZoom = () => void contents.setVisualZoomLevelLimits(1, 1).catch(() => undefined);
  pinZoom();
  contents.on('did-finish-load', pinZoom);
  contents.on('zoom-changed', () => contents.setZoomLevel(0));
  window.on('close', (event) => {
    if (!options.allowClose()) event.preventDefault();
  });
}

export type VolunteerExitResult = 'exiting' | 'wrong-pin' | 'not-requested';

export interface VolunteerExitOptions {
  /** The PIN check of issue 9. Until it exists main injects one that refuses every PIN. */
  readonly verifyVolunteerPin: (pin: string) => Promise<boolean>;
  /** Shows the PIN prompt (main forwards this to the page). */
  readonly showPinPrompt: () => void;
  /** Leaves the kiosk once the PIN is right. */
  readonly exit: () => void;
}

export interface VolunteerExit {
  /** The combo was pressed. */
  request(): void;
  /** The PIN typed into the prompt. A wrong PIN ends the request: each try needs the combo again. */
  submitPin(pin: string): Promise<VolunteerExitResult>;
}

/** The volunteer exit hook: combo → PIN prompt → injected check → exit. */
export function createVolunteerExit(options: VolunteerExitOptions): VolunteerExit {
  let requested = false;
  return {
    request() {
      requested = true;
      options.showPinPrompt();
    },
    async submitPin(pin) {
      // A PIN without the combo first (a page calling in on its own) is refused unchecked.
      if (!requested) return 'not-requested';
      requested = false;
      // A failing check (key store unreadable) counts as a wrong PIN: never exit on an error.
      const verified = await options.verifyVolunteerPin(pin).catch(() => false);
      if (!verified) return 'wrong-pin';
      options.exit();
      return 'exiting';
    },
  };
}
