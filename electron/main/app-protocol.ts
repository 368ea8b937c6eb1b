/**
 * Serves the renderer from a custom `app://` scheme instead of file:// — file:// pages share one
 * origin with the whole disk; app://kiosk has an origin of its own and a CSP header. Lesson media
 * come from the same origin under /lessons/.
 */
import { readFile } from 'node:fs/promises';
import { resolve, sep } from 'node:path';
import { protocol } from 'electron';
import { contentTypeOf, RENDERER_CONTENT_SECURITY_POLICY } from '../station/serving/renderer-page';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://kiosk`;

export const APP_CONTENT_SECURITY_POLICY = RENDERER_CONTENT_SECURITY_POLICY;

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  // `stream`: the lesson narration plays from app://kiosk/lessons/… in an <audio> element.
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } }]);
}

/** The file a request maps to, or null when it leaves its root folder. */
export function mapAppRequest(url: string, rendererDir: string, lessonsDir: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (`${parsed.protocol}//${parsed.host}` !== APP_ORIGIN) return null;
  const path = decodeURIComponent(parsed.pathname);
  const [root, rest] = path.startsWith('/lessons/') ? [lessonsDir, path.slice('/lessons'.length)] : [rendererDir, path === '/' ? '/index.html' : path];
  const absoluteRoot = resolve(root);
  const file = resolve(absoluteRoot, `.${rest}`);
  return file.startsWith(absoluteRoot + sep) ? file : null;
}

/** Installs the handler once the app is ready. */
export function handleAppScheme(rendererDir: string, lessonsDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = mapAppRequest(request.url, rendererDir, lessonsDir);
    if (!file) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        headers: { 'Content-Type': contentTypeOf(file), 'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
