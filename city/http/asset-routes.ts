/**
 * Files the staff pages load from the hub itself (no CDN: the pages work offline and print the same
 * everywhere): the bundled Vietnamese font (@fontsource/be-vietnam-pro, latin and Vietnamese subsets)
 * and the printable report's print button script.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FastifyInstance } from 'fastify';

const FONT = /^(latin|vietnamese)-(400|700)\.woff2$/;

/** The one script of the printable report: its "In" button calls the browser's print. */
export const PRINT_SCRIPT = "document.querySelectorAll('[data-print]').forEach(function (b) { b.addEventListener('click', function () { window.print(); }); });\n";

export function registerAssetRoutes(app: FastifyInstance): void {
  const fontDir = join(dirname(createRequire(import.meta.url).resolve('@fontsource/be-vietnam-pro/package.json')), 'files');
  const cache = new Map<string, Buffer>();
  app.get<{ Params: { file: string } }>('/assets/fonts/:file', async (request, reply) => {
    const match = FONT.exec(request.params.file);
    if (match === null) return reply.code(404).send({ error: 'not_found' });
    const name = `be-vietnam-pro-${match[1]}-${match[2]}-normal.woff2`;
    const bytes = cache.get(name) ?? (await readFile(join(fontDir, name)));
    cache.set(name, bytes);
    return reply.header('cache-control', 'public, max-age=86400').type('font/woff2').send(bytes);
  });
  app.get('/assets/print.js', async (_request, reply) => reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(PRINT_SCRIPT));
}
