/**
 * A `multipart/form-data` body (RFC 7578) already held in memory, split into its text fields and its
 * files. The hub has no multipart plugin: the one form that needs it (publishing a lesson pack
 * folder, `<input type=file webkitdirectory>`) is buffered under its route's body cap anyway, so a
 * small parser over the buffer is all it takes. Browsers send a folder's files with their relative
 * path (`lessons/a/lesson.json`) as the part's filename; `"`, CR and LF in names arrive
 * percent-encoded, which is why a quoted parameter never holds a quote.
 */

export interface MultipartFile {
  /** The form field's name. */
  readonly field: string;
  /** The filename the browser sent (for a folder upload, the path relative to the chosen folder's parent). */
  readonly filename: string;
  readonly bytes: Buffer;
}

export interface MultipartForm {
  readonly fields: URLSearchParams;
  readonly files: MultipartFile[];
}

export class MultipartError extends Error {
  override readonly name = 'MultipartError';
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

/** The boundary of a multipart/form-data content type, or null for any other type. */
export function multipartBoundary(contentType: string | undefined): string | null {
  const [type = '', ...params] = (contentType ?? '').split(';');
  if (type.trim().toLowerCase() !== 'multipart/form-data') return null;
  for (const param of params) {
    const match = /^\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^\s";]{1,70}))\s*$/i.exec(param);
    if (match !== null) return match[1] ?? match[2] ?? null;
  }
  return null;
}

function parameter(disposition: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}="([^"]*)"`, 'i').exec(disposition);
  return match === null ? null : (match[1] ?? '');
}

/**
 * Parses the body. A part without a filename is a text field (UTF-8); a file input left empty (a
 * part with `filename=""`) is dropped. Throws MultipartError for a body that is not well formed or
 * has more than `maxParts` parts.
 */
export function parseMultipart(body: Buffer, boundary: string, options: { maxParts: number }): MultipartForm {
  const delimiter = Buffer.from(`--${boundary}`);
  const fields = new URLSearchParams();
  const files: MultipartFile[] = [];
  let at = body.indexOf(delimiter);
  if (at !== 0) throw new MultipartError('the body does not start with the boundary');
  let parts = 0;
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString('latin1') === '--') return { fields, files };
    if (!body.subarray(at, at + 2).equals(CRLF)) throw new MultipartError('a boundary is not followed by a line break');
    const headersStart = at + 2;
    const headersEnd = body.indexOf(HEADER_END, headersStart);
    if (headersEnd < 0) throw new MultipartError('a part has no end of headers');
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headersEnd + 4);
    if (next < 0) throw new MultipartError('the body ends inside a part (no closing boundary)');
    parts += 1;
    if (parts > options.maxParts) throw new MultipartError(`more than ${options.maxParts} parts`);
    const headers = body.subarray(headersStart, headersEnd).toString('utf8').split('\r\n');
    const disposition = headers.find((line) => /^content-disposition\s*:/i.test(line)) ?? '';
    if (!/^content-disposition\s*:\s*form-data\s*;/i.test(disposition)) throw new MultipartError('a part has no Content-Disposition: form-data');
    const field = parameter(disposition, 'name');
    if (field === null) throw new MultipartError('a part has no name');
    const filename = parameter(disposition, 'filename');
    const content = body.subarray(headersEnd + 4, next);
    if (filename === null) fields.append(field, content.toString('utf8'));
    else if (filename !== '') files.push({ field, filename, bytes: content });
    at = next + 2;
  }
}
