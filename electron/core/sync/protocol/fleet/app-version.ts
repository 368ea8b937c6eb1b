/**
 * App versions as electron-builder writes them (package.json `version`, semver `MAJOR.MINOR.PATCH`
 * with an optional `-prerelease`). Compared numerically part by part; a prerelease sorts before its
 * release (`1.2.0-beta.1` < `1.2.0`), and prerelease parts compare numerically when both are numbers.
 */
export const APP_VERSION_PATTERN = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?$/;

/** True when `text` is a version this project writes. */
export function isAppVersion(text: string): boolean {
  return text.length <= 64 && APP_VERSION_PATTERN.test(text);
}

function comparePre(a: string | undefined, b: string | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return 1;
  if (b === undefined) return -1;
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x) ? Number(x) : null;
    const ny = /^\d+$/.test(y) ? Number(y) : null;
    if (nx !== null && ny !== null) {
      if (nx !== ny) return nx < ny ? -1 : 1;
    } else if (nx !== null) return -1;
    else if (ny !== null) return 1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/** Negative, zero or positive as `a` is older, equal or newer than `b`. Throws on a malformed version. */
export function compareAppVersions(a: string, b: string): number {
  const x = APP_VERSION_PATTERN.exec(a);
  const y = APP_VERSION_PATTERN.exec(b);
  if (x === null || y === null) throw new RangeError(`not an app version: ${x === null ? a.slice(0, 64) : b.slice(0, 64)}`);
  for (let i = 1; i <= 3; i++) {
    const diff = Number(x[i]) - Number(y[i]);
    if (diff !== 0) return diff;
  }
  return comparePre(x[4], y[4]);
}
