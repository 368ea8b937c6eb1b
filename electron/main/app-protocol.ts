/**
 * Serves the renderer from a custom `app://` scheme instead of file:// — file:// pages share one
 * origin with the whole disk; app://kiosk has an origin of its own and a CSP header. Lesson media
 * come from the same origin under /lessons/.
 */
import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { protocol } from 'electron';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://kiosk`;

export const APP_CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ogg': 'audio/ogg',
  '.mp3': 'audio/mpeg',
  '.opus': 'audio/ogg; codecs=opus',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
};

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
        headers: { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': APP_CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
