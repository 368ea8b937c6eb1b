/**
 * Serves the built renderer (and lesson media) from fixed folders. Paths are resolved and must stay
 * inside their root, so `..` and encoded tricks cannot reach other files.
 */
import { createReadStream, statSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { resolve, sep } from 'node:path';
import { contentTypeOf } from '../station/serving/renderer-page';

/** The file under `root` that `urlPath` names, or null when it escapes the root or does not exist. */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const absoluteRoot = resolve(root);
  const candidate = resolve(absoluteRoot, `.${decoded.startsWith('/') ? decoded : `/${decoded}`}`);
  if (candidate !== absoluteRoot && !candidate.startsWith(absoluteRoot + sep)) return null;
  try {
    return statSync(candidate).isFile() ? candidate : null;
  } catch {
    return null;
  }
}

/** Streams a file with its content type and the given extra headers. */
export function sendFile(response: ServerResponse, file: string, headers: Record<string, string>): void {
  response.writeHead(200, { 'Content-Type': contentTypeOf(file), ...headers });
  createReadStream(file).pipe(response);
}
