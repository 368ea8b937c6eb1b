// The page never opens the browser's print dialog inside the kiosk (its "Save as" is a way out);
// only on the web host, where the station cannot print for it, does it fall back to window.print().
import { afterEach, describe, expect, it, vi } from 'vitest';

type PrintAnswer = { ok: true; value: { printed: boolean; detail: string | null } } | { ok: false; error: { code: string; message: string } };

async function withWindow(kiosk: { printPage: () => Promise<PrintAnswer> } | undefined) {
  vi.resetModules();
  const events: Array<{ type: string; detail: unknown }> = [];
  const fakeWindow = {
    kiosk,
    print: vi.fn(),
    dispatchEvent: vi.fn((event: CustomEvent) => events.push({ type: event.type, detail: event.detail })),
    location: { protocol: 'http:', host: '127.0.0.1', hash: '' },
  };
  vi.stubGlobal('window', fakeWindow);
  vi.stubGlobal('CustomEvent', class<T> { constructor(readonly type: string, readonly init?: { detail?: T }) {} get detail() { return this.init?.detail; } });
  const { printPage, PRINT_PROBLEM_EVENT } = await import('../../renderer/print');
  return { printPage, PRINT_PROBLEM_EVENT, fakeWindow, events };
}

describe('printPage', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('in the kiosk, a failed silent print is announced and no dialog is opened', async () => {
    const { printPage, PRINT_PROBLEM_EVENT, fakeWindow, events } = await withWindow({ printPage: async () => ({ ok: true, value: { printed: false, detail: 'Không in được' } }) });
    await printPage();
    expect(fakeWindow.print).not.toHaveBeenCalled();
    expect(events).toEqual([{ type: PRINT_PROBLEM_EVENT, detail: 'Không in được' }]);
  });

  it('in the kiosk, even an error answer never falls back to the dialog', async () => {
    const { printPage, fakeWindow } = await withWindow({ printPage: async () => ({ ok: false, error: { code: 'internal', message: 'x' } }) });
    await printPage();
    expect(fakeWindow.print).not.toHaveBeenCalled();
  });

  it('a successful silent print says nothing', async () => {
    const { printPage, fakeWindow, events } = await withWindow({ printPage: async () => ({ ok: true, value: { printed: true, detail: null } }) });
    await printPage();
    expect(fakeWindow.print).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });
});
