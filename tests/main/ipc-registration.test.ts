import { describe, expect, it, vi } from 'vitest';
import { electronMock } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');
const { commandChannel, commandNames } = await import('../../electron/contract/commands');
const { registerIpc } = await import('../../electron/main/ipc-registration');
const { createDispatch } = await import('../../electron/station/ipc/dispatch');

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

const handlersMap = () => (electron.ipcMain as unknown as { handlers: Map<string, Handler> }).handlers;

const kioskFrame = { senderFrame: { url: 'app://kiosk/index.html', parent: null } };

describe('IPC registration', () => {
  const echo = vi.fn(async ({ text }: { text: string }) => ({ text, receivedAtMs: 1 }));
  const dispatch = createDispatch({ getStatus: vi.fn(), getSyncStatus: vi.fn(), echo } as never);
  const unregister = registerIpc(dispatch);

  it('registers exactly one channel per contract command', () => {
    expect([...handlersMap().keys()].sort()).toEqual(commandNames.map(commandChannel).sort());
  });

  it('passes a valid message from the kiosk page to the station', async () => {
    const result = await handlersMap().get('kiosk:echo')!(kioskFrame, { text: 'chào' });
    expect(result).toEqual({ ok: true, value: { text: 'chào', receivedAtMs: 1 } });
  });

  it('refuses messages from other frames without calling the station', async () => {
    echo.mockClear();
    const iframe = { senderFrame: { url: 'app://kiosk/index.html', parent: {} } };
    const foreign = { senderFrame: { url: 'https://example.com/', parent: null } };
    const gone = { senderFrame: null };
    for (const event of [iframe, foreign, gone]) {
      await expect(handlersMap().get('kiosk:echo')!(event, { text: 'x' })).resolves.toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    }
    expect(echo).not.toHaveBeenCalled();
  });

  it('refuses wrong shapes, extra arguments and oversized messages with typed errors', async () => {
    echo.mockClear();
    const handler = handlersMap().get('kiosk:echo')!;
    await expect(handler(kioskFrame, { text: 5 })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await expect(handler(kioskFrame, { text: 'a', extra: 1 })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await expect(handler(kioskFrame, { text: 'a' }, { second: true })).resolves.toMatchObject({ ok: false, error: { code: 'bad_request' } });
    await expect(handler(kioskFrame, { text: 'x'.repeat(70_000) })).resolves.toMatchObject({ ok: false, error: { code: 'too_large' } });
    expect(echo).not.toHaveBeenCalled();
  });

  it('removes every handler on unregister', () => {
    unregister();
    expect(handlersMap().size).toBe(0);
  });
});
