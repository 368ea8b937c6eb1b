/**
 * Reads the station configuration. A missing file means "not configured yet": the demo config.
 * A broken file is a typed problem with the JSON path and reason, which the kiosk shows on its
 * maintenance screen.
 */
import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { DEMO_CONFIG, stationConfigSchema, type StationConfig } from './station-config';

export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

export type ConfigLoad =
  | { readonly ok: true; readonly config: StationConfig; readonly source: 'file' | 'demo' }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

function joinPath(path: readonly PropertyKey[]): string {
  return path.length ? path.map(String).join('.') : '(root)';
}

/** One problem per issue; an unknown field is named by its own path, with why it is refused. */
function describeIssue(issue: z.core.$ZodIssue): ConfigProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({
      path: joinPath([...issue.path, key]),
      message: /pin|secret|password|token|^keys?$|privateKey|learnerKey|hmac/i.test(key)
        ? 'not a config field: secrets (volunteer PIN, keys) live in the key store, never in the station config'
        : 'not a config field (check the spelling against kiosk-config/README.md)',
    }));
  }
  return [{ path: joinPath(issue.path), message: issue.message }];
}

/** Validates parsed JSON as a station config. */
export function checkConfig(raw: unknown): ConfigLoad {
  const parsed = stationConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data, source: 'file' };
  return { ok: false, problems: parsed.error.issues.flatMap(describeIssue) };
}

export interface LoadConfigOptions {
  /** What a missing file means: the kiosk falls back to the demo config; `tram config check` reports it. */
  readonly missing?: 'demo' | 'problem';
}

/** Loads the config file at `path`, or the demo config when there is none. */
export function loadConfig(path: string | null, options: LoadConfigOptions = {}): ConfigLoad {
  if (path === null) return { ok: true, config: DEMO_CONFIG, source: 'demo' };
  let text: string;
  try {
    // Windows Notepad saves UTF-8 with a byte-order mark, which JSON.parse refuses.
    text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && options.missing !== 'problem') return { ok: true, config: DEMO_CONFIG, source: 'demo' };
    return { ok: false, problems: [{ path: '(file)', message: `cannot read ${path}: ${(error as Error).message}` }] };
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '(file)', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return checkConfig(raw);
}
