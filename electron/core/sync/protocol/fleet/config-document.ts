/**
 * Signed station config (docs/PROTOCOL.md §11.4). The hub signs, with the city content key, a
 * document addressed to one station or to every station of a ward; it carries only the settings an
 * administrator may change from afar, never secrets and never what ties a station to its place and
 * its hub (station id, ward code, hub URL, demo mode, scanners, printer). Each target is a layer with
 * its own version: the station applies its ward's layer, then its own on top, over the file a
 * technician wrote.
 *
 * The allowed fields are listed explicitly below; anything else is refused with its path named.
 * Whether the merged result is a valid config is the station config schema's decision, on the
 * station (and on the hub before signing, through the same schema).
 */
import { z } from 'zod';
import { STATION_ID_PATTERN } from '../limits';
import { FleetError } from './fleet-error';

export const CONFIG_DOCUMENT_FORMAT = 'tram-hoc-so/station-config/v1';
export const MAX_CONFIG_DOCUMENT_BYTES = 64 * 1024;

/**
 * Allowed settings. `true` allows the whole value at that key (the schema checks its inside); an
 * object lists the allowed keys below it.
 */
type Allowed = true | { readonly [key: string]: Allowed };
export const ALLOWED_CONFIG_SETTINGS: { readonly [key: string]: Allowed } = {
  station: { name: true, wardName: true },
  idle: { warnAfterSeconds: true, countdownSeconds: true },
  openingHours: true,
  quietHourForRelaunch: true,
  backup: { everyHours: true, keep: true },
  retention: { keepAckedDays: true },
};

/** The allowed field paths, for messages and documentation. */
export function allowedSettingPaths(tree: { readonly [key: string]: Allowed } = ALLOWED_CONFIG_SETTINGS, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (value === true ? [`${prefix}${key}`] : allowedSettingPaths(value, `${prefix}${key}.`)));
}

type Settings = { readonly [key: string]: unknown };

const isPlainObject = (value: unknown): value is Settings => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The first settings path that is not allowed, or null. */
export function disallowedSetting(settings: Settings, tree: { readonly [key: string]: Allowed } = ALLOWED_CONFIG_SETTINGS, prefix = ''): string | null {
  for (const [key, value] of Object.entries(settings)) {
    const rule = Object.hasOwn(tree, key) ? tree[key] : undefined;
    if (rule === undefined) return `${prefix}${key}`;
    if (rule === true) continue;
    if (!isPlainObject(value)) return `${prefix}${key}`;
    const inner = disallowedSetting(value, rule, `${prefix}${key}.`);
    if (inner !== null) return inner;
  }
  return null;
}

/** Throws `config_field_not_allowed` naming the first field a signed config may not change. */
export function checkAllowedSettings(settings: Settings): void {
  const path = disallowedSetting(settings);
  if (path !== null) {
    throw new FleetError('config_field_not_allowed', `${path}: not a field a signed config may change (allowed: ${allowedSettingPaths().join(', ')})`);
  }
}

/** `base` with each layer's settings laid over it in order; objects merge, anything else is replaced. */
export function applySettingLayers<T extends Settings>(base: T, layers: readonly Settings[]): T {
  const merge = (into: Settings, from: Settings, tree: { readonly [key: string]: Allowed }): Settings => {
    const out: Record<string, unknown> = { ...into };
    for (const [key, value] of Object.entries(from)) {
      const rule = tree[key];
      const current = out[key];
      out[key] = rule !== undefined && rule !== true && isPlainObject(value) && isPlainObject(current) ? merge(current, value, rule) : value;
    }
    return out;
  };
  return layers.reduce<Settings>((config, layer) => merge(config, layer, ALLOWED_CONFIG_SETTINGS), base) as T;
}

const targetSchema = z.union([
  z.object({ station_id: z.string().regex(STATION_ID_PATTERN, 'expected a station id') }).strict(),
  z.object({ ward_code: z.string().regex(/^\d{5}$/, 'expected a 5-digit ward code') }).strict(),
]);

export const configDocumentSchema = z
  .object({
    format: z.literal(CONFIG_DOCUMENT_FORMAT),
    target: targetSchema,
    version: z.int().min(1).max(1_000_000_000),
    issued_ms: z.int().min(0),
    settings: z.record(z.string(), z.unknown()),
  })
  .strict();

export type ConfigDocument = z.infer<typeof configDocumentSchema>;
export type ConfigTarget = ConfigDocument['target'];

/** The layer a document belongs to. */
export function configLayer(target: ConfigTarget): 'ward' | 'station' {
  return 'ward_code' in target ? 'ward' : 'station';
}

/** Ed25519 is over this text: a domain prefix and the hex SHA-256 of the document's exact bytes. */
export function configDocumentSigningText(documentSha256Hex: string): string {
  return `tram-hoc-so/station-config/v1\n${documentSha256Hex}`;
}

/** Parses document text: the shape, then the allowed fields. Throws FleetError. */
export function parseConfigDocumentText(text: string): ConfigDocument {
  if (text.length > MAX_CONFIG_DOCUMENT_BYTES) throw new FleetError('config_malformed', `the config document is longer than ${MAX_CONFIG_DOCUMENT_BYTES} bytes`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new FleetError('config_malformed', 'config: not valid JSON');
  }
  const parsed = configDocumentSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue === undefined || issue.path.length === 0 ? 'config' : issue.path.map(String).join('.');
    throw new FleetError('config_malformed', `${field}: ${issue?.message ?? 'invalid'}`);
  }
  checkAllowedSettings(parsed.data.settings);
  return parsed.data;
}
