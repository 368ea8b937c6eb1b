import { describe, expect, it, vi } from 'vitest';
import { electronMock } from '../support/electron-mock';

vi.mock('electron', () => electronMock());

const electron = await import('electron');
const { APP_CONTENT_SECURITY_POLICY, handleAppScheme, mapAppRequest, registerAppScheme } = await import('../../electron/main/app-protocol');

describe('app:// protocol', () => {
  it('registers a standard, secure scheme that can stream the narration audio', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
  });

  it('maps requests inside the renderer and lessons folders only', () => {
    expect(mapAppRequest('app://kiosk/', '/r', '/l')).toBe('/r/index.html');
    expect(mapAppRequest('app://kiosk/assets/a.js', '/r', '/l')).toBe('/r/assets/a.js');
    expect(mapAppRequest('app://kiosk/lessons/bai-1/s1.svg', '/r', '/l')).toBe('/l/bai-1/s1.svg');
    expect(mapAppRequest('app://kiosk/..%2f..%2fetc/passwd', '/r', '/l')).toBeNull();
    expect(mapAppRequest('app://kiosk/lessons/..%2f..%2fsecret', '/r', '/l')).toBeNull();
    expect(mapAppRequest('app://evil/index.html', '/r', '/l')).toBeNull();
    expect(mapAppRequest('::::', '/r', '/l')).toBeNull();
  });

  it('answers with the CSP header and 404 for unknown files', async () => {
    handleAppScheme(import.meta.dirname, import.meta.dirname);
    const handler = vi.mocked(electron.protocol.handle).mock.calls[0]?.[1] as (request: Request) => Promise<Response>;
    const found = await handler(new Request('app://kiosk/app-protocol.test.ts'));
    expect(found.status).toBe(200);
    expect(found.headers.get('Content-Security-Policy')).toBe(APP_CONTENT_SECURITY_POLICY);
    expect(APP_CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    const missing = await handler(new Request('app://kiosk/nope.js'));
    expect(missing.status).toBe(404);
  });
});
