/**
 * Reads the station configuration. A missing file means "not configured yet": the demo config.
 * A broken file is a typed problem with the JSON path and reason, which the kiosk shows on its
 * maintenance screen.
 */
import { readFileSync } from 'node:fs';
import { DEMO_CONFIG, stationConfigSchema, type StationConfig } from './station-config';

export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

export type ConfigLoad =
  | { readonly ok: true; readonly config: StationConfig; readonly source: 'file' | 'demo' }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** Validates parsed JSON as a station config. */
export function checkConfig(raw: unknown): ConfigLoad {
  const parsed = stationConfigSchema.safeParse(raw);
  if (parsed.success) return { ok: true, config: parsed.data, source: 'file' };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({ path: issue.path.length ? issue.path.join('.') : '(root)', message: issue.message })),
  };
}

/** Loads the config file at `path`, or the demo config when there is none. */
export function loadConfig(path: string | null): ConfigLoad {
  if (path === null) return { ok: true, config: DEMO_CONFIG, source: 'demo' };
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, config: DEMO_CONFIG, source: 'demo' };
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
