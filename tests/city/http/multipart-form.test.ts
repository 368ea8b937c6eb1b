// The hub's small multipart/form-data reader (the lesson pack page's folder upload): fields, files
// with their relative paths, empty file inputs, and every malformed body refused with a typed error.
import { describe, expect, it } from 'vitest';
import { MultipartError, multipartBoundary, parseMultipart } from '../../../city/http/multipart-form';

const B = 'XyZ123';
const part = (disposition: string, content: string) => `--${B}\r\nContent-Disposition: form-data; ${disposition}\r\n\r\n${content}\r\n`;

describe('multipart form', () => {
  it('reads the boundary of multipart/form-data only', () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${B}`)).toBe(B);
    expect(multipartBoundary('Multipart/Form-Data; charset=utf-8; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/x-www-form-urlencoded')).toBeNull();
    expect(multipartBoundary('multipart/form-data')).toBeNull();
    expect(multipartBoundary(undefined)).toBeNull();
  });

  it('splits text fields (UTF-8) from files (bytes exact, CRLF inside kept), and drops an empty file input', () => {
    const body = Buffer.from(`${part('name="csrf"', 'tok')}${part('name="note"', 'Bài học')}${part('name="files"; filename="lessons/a/lesson.json"', '{"x":\r\n1}')}${part('name="files"; filename=""', '')}--${B}--\r\n`);
    const form = parseMultipart(body, B, { maxParts: 10 });
    expect([...form.fields]).toEqual([['csrf', 'tok'], ['note', 'Bài học']]);
    expect(form.files.map((file) => [file.field, file.filename, file.bytes.toString()])).toEqual([['files', 'lessons/a/lesson.json', '{"x":\r\n1}']]);
  });

  it.each([
    ['a body not starting with the boundary', `junk${part('name="a"', '1')}--${B}--`, 'does not start with the boundary'],
    ['a part cut off', `${part('name="a"', '1')}--${B}\r\nContent-Disposition: form-data; name="b"\r\n\r\nunfinished`, 'no closing boundary'],
    ['a part without headers end', `--${B}\r\nContent-Disposition: form-data; name="a"`, 'no end of headers'],
    ['a part without form-data disposition', `--${B}\r\nContent-Type: text/plain\r\n\r\nx\r\n--${B}--`, 'Content-Disposition'],
    ['a part without a name', `--${B}\r\nContent-Disposition: form-data; filename="x"\r\n\r\nx\r\n--${B}--`, 'no name'],
    ['too many parts', `${part('name="a"', '1').repeat(4)}--${B}--`, 'more than 3 parts'],
  ])('refuses %s', (_what, text, message) => {
    expect(() => parseMultipart(Buffer.from(text), B, { maxParts: 3 })).toThrow(MultipartError);
    expect(() => parseMultipart(Buffer.from(text), B, { maxParts: 3 })).toThrow(message);
  });
});
