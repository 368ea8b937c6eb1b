import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronMock, FakeBrowserWindow } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');
const { applyLockdown, classifyKey, createVolunteerExit, removeApplicationMenu } = await import('../../electron/main/lockdown');
type KeyInput = Parameters<typeof classifyKey>[0];

const key = (keyName: string, code: string, mods: Partial<Pick<KeyInput, 'control' | 'shift' | 'alt' | 'meta'>> = {}, type = 'keyDown'): KeyInput => ({
  type,
  key: keyName,
  code,
  control: false,
  shift: false,
  alt: false,
  meta: false,
  ...mods,
});
const ctrl = { control: true };

describe('lockdown key rules', () => {
  const blocked: Array<[string, KeyInput, string]> = [
    ['Ctrl+R', key('r', 'KeyR', ctrl), 'reload'],
    ['Ctrl+Shift+R', key('R', 'KeyR', { control: true, shift: true }), 'reload'],
    ['F5', key('F5', 'F5'), 'reload'],
    ['Ctrl+F5', key('F5', 'F5', ctrl), 'reload'],
    ['Browser refresh key', key('BrowserRefresh', 'BrowserRefresh'), 'reload'],
    ['Ctrl+Shift+I', key('I', 'KeyI', { control: true, shift: true }), 'devtools'],
    ['Ctrl+Shift+J', key('J', 'KeyJ', { control: true, shift: true }), 'devtools'],
    ['Ctrl+Shift+C', key('C', 'KeyC', { control: true, shift: true }), 'devtools'],
    ['F12', key('F12', 'F12'), 'devtools'],
    ['Ctrl+=', key('=', 'Equal', ctrl), 'zoom'],
    ['Ctrl+Shift+= (+)', key('+', 'Equal', { control: true, shift: true }), 'zoom'],
    ['Ctrl+-', key('-', 'Minus', ctrl), 'zoom'],
    ['Ctrl+0', key('0', 'Digit0', ctrl), 'zoom'],
    ['Ctrl+numpad +', key('+', 'NumpadAdd', ctrl), 'zoom'],
    ['Ctrl+numpad -', key('-', 'NumpadSubtract', ctrl), 'zoom'],
    ['Alt+F4', key('F4', 'F4', { alt: true }), 'close'],
    ['Ctrl+F4', key('F4', 'F4', ctrl), 'close'],
    ['Ctrl+W', key('w', 'KeyW', ctrl), 'close'],
    ['Ctrl+Shift+W', key('W', 'KeyW', { control: true, shift: true }), 'close'],
    ['Ctrl+Q', key('q', 'KeyQ', ctrl), 'close'],
    ['Ctrl+P', key('p', 'KeyP', ctrl), 'print'],
    ['Ctrl+Shift+P', key('P', 'KeyP', { control: true, shift: true }), 'print'],
    ['PrintScreen key-up', key('PrintScreen', 'PrintScreen', {}, 'keyUp'), 'print-screen'],
    ['Alt+PrintScreen', key('PrintScreen', 'PrintScreen', { alt: true }), 'print-screen'],
    ['F11', key('F11', 'F11'), 'fullscreen'],
    ['Alt+Left', key('ArrowLeft', 'ArrowLeft', { alt: true }), 'history'],
    ['Alt+Right', key('ArrowRight', 'ArrowRight', { alt: true }), 'history'],
    ['Browser back key', key('BrowserBack', 'BrowserBack'), 'history'],
    ['Browser forward key', key('BrowserForward', 'BrowserForward'), 'history'],
  ];
  for (const [name, input, rule] of blocked) {
    it(`blocks ${name} (${rule})`, () => {
      expect(classifyKey(input)).toEqual({ kind: 'block', rule });
    });
  }

  it('matches letters on the physical key, so an IME rewriting the character does not slip through', () => {
    expect(classifyKey(key('ř', 'KeyR', ctrl))).toEqual({ kind: 'block', rule: 'reload' });
  });

  it('lets ordinary typing, editing and wedge-scanner input through', () => {
    const allowed = [
      key('r', 'KeyR'),
      key('0', 'Digit0'),
      key('Enter', 'Enter'),
      key('Backspace', 'Backspace'),
      key('ArrowLeft', 'ArrowLeft'),
      key('Alt', 'AltLeft', { alt: true }),
      key('c', 'KeyC', ctrl),
      key('v', 'KeyV', ctrl),
      key('a', 'KeyA', ctrl),
      key('Tab', 'Tab'),
      key('F1', 'F1'),
    ];
    for (const input of allowed) expect(classifyKey(input), input.code).toEqual({ kind: 'allow' });
  });

  it('recognises the volunteer exit combo once per press and swallows its repeats and release', () => {
    const combo = { control: true, alt: true, shift: true };
    expect(classifyKey(key('V', 'KeyV', combo))).toEqual({ kind: 'volunteer-exit' });
    expect(classifyKey({ ...key('V', 'KeyV', combo), isAutoRepeat: true })).toEqual({ kind: 'block', rule: 'volunteer-combo' });
    expect(classifyKey(key('V', 'KeyV', combo, 'keyUp'))).toEqual({ kind: 'block', rule: 'volunteer-combo' });
  });
});

describe('lockdown of the window', () => {
  beforeEach(() => {
    FakeBrowserWindow.created = [];
  });

  const setUp = (allowClose = false) => {
    const window = new FakeBrowserWindow({});
    const onVolunteerExitRequested = vi.fn();
    applyLockdown(window as never, { onVolunteerExitRequested, allowClose: () => allowClose });
    return { window, contents: window.webContents, onVolunteerExitRequested };
  };

  it('swallows blocked keys before the page and the menu see them', () => {
    const { contents, onVolunteerExitRequested } = setUp();
    const reload = { preventDefault: vi.fn() };
    contents.emit('before-input-event', reload, key('F5', 'F5'));
    expect(reload.preventDefault).toHaveBeenCalled();
    const typing = { preventDefault: vi.fn() };
    contents.emit('before-input-event', typing, key('a', 'KeyA'));
    expect(typing.preventDefault).not.toHaveBeenCalled();
    expect(onVolunteerExitRequested).not.toHaveBeenCalled();
  });

  it('calls the volunteer hook on the exit combo and keeps it from the page', () => {
    const { contents, onVolunteerExitRequested } = setUp();
    const event = { preventDefault: vi.fn() };
    contents.emit('before-input-event', event, key('V', 'KeyV', { control: true, alt: true, shift: true }));
    expect(event.preventDefault).toHaveBeenCalled();
    expect(onVolunteerExitRequested).toHaveBeenCalledTimes(1);
  });

  it('pins the zoom: visual zoom limits 1–1 (again after each load) and Ctrl+wheel undone', () => {
    const { contents } = setUp();
    expect(contents.calls).toEqual(['zoomLimits:1,1']);
    contents.emit('did-finish-load');
    contents.emit('zoom-changed', {}, 'in');
    expect(contents.calls).toEqual(['zoomLimits:1,1', 'zoomLimits:1,1', 'zoomLevel:0']);
  });

  it('refuses to close the window (Alt+F4 through the window manager) unless the app is exiting', () => {
    const { window } = setUp(false);
    const close = { preventDefault: vi.fn() };
    window.emit('close', close);
    expect(close.preventDefault).toHaveBeenCalled();
    const allowed = setUp(true);
    const closing = { preventDefault: vi.fn() };
    allowed.window.emit('close', closing);
    expect(closing.preventDefault).not.toHaveBeenCalled();
  });

  it('removes the default menu and its accelerators', () => {
    removeApplicationMenu();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledWith(null);
  });
});

describe('volunteer exit', () => {
  const setUp = (verify: (pin: string) => Promise<boolean>) => {
    const exit = vi.fn();
    const showPinPrompt = vi.fn();
    const hook = createVolunteerExit({ verifyVolunteerPin: verify, showPinPrompt, exit });
    return { hook, exit, showPinPrompt };
  };

  it('shows the PIN prompt on request and exits only with the right PIN', async () => {
    const { hook, exit, showPinPrompt } = setUp(async (pin) => pin === '2468');
    hook.request();
    expect(showPinPrompt).toHaveBeenCalledTimes(1);
    await expect(hook.submitPin('2468')).resolves.toBe('exiting');
    expect(exit).toHaveBeenCalledTimes(1);
  });

  it('ends the request on a wrong PIN: the next try needs the combo again', async () => {
    const verify = vi.fn(async (pin: string) => pin === '2468');
    const { hook, exit } = setUp(verify);
    hook.request();
    await expect(hook.submitPin('0000')).resolves.toBe('wrong-pin');
    await expect(hook.submitPin('2468')).resolves.toBe('not-requested');
    expect(verify).toHaveBeenCalledTimes(1);
    expect(exit).not.toHaveBeenCalled();
  });

  it('refuses a PIN without the combo, and treats a failing check as a wrong PIN', async () => {
    const { hook, exit } = setUp(async () => {
      throw new Error('key store locked');
    });
    await expect(hook.submitPin('2468')).resolves.toBe('not-requested');
    hook.request();
    await expect(hook.submitPin('2468')).resolves.toBe('wrong-pin');
    expect(exit).not.toHaveBeenCalled();
  });
});
