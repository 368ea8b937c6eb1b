// #21: the page's Content-Security-Policy is declared once and both hosts and the page's own meta
// tag say the same thing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentTypeOf, RENDERER_CONTENT_SECURITY_POLICY } from '../../../electron/station/serving/renderer-page';
import { CONTENT_SECURITY_POLICY } from '../../../electron/web-host/web-host';
import { REPO_ROOT } from '../../support/web-host-fixture';

describe('the renderer page served by both hosts', () => {
  it('index.html carries the same policy as the hosts send (less frame-ancestors, which a meta tag cannot set)', () => {
    const html = readFileSync(join(REPO_ROOT, 'renderer', 'index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBe(RENDERER_CONTENT_SECURITY_POLICY.replace("; frame-ancestors 'none'", ''));
    expect(CONTENT_SECURITY_POLICY).toBe(RENDERER_CONTENT_SECURITY_POLICY);
    expect(readFileSync(join(REPO_ROOT, 'electron', 'main', 'app-protocol.ts'), 'utf8')).toContain('APP_CONTENT_SECURITY_POLICY = RENDERER_CONTENT_SECURITY_POLICY');
  });

  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/B.SVG', 'image/svg+xml'],
    ['step-1.mp3', 'audio/mpeg'],
    ['x.exe', 'application/octet-stream'],
    ['noextension', 'application/octet-stream'],
  ])('types %s as %s', (path, type) => {
    expect(contentTypeOf(path)).toBe(type);
  });
});
