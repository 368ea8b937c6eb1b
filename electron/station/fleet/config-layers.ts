/**
 * Signed config on the station (issue #18 item 3, docs/PROTOCOL.md §11.4). The technician's file
 * (station-config.json) is the base; the hub's ward layer and the station's own layer lie over it.
 * A document is taken only when its signature verifies under the pinned content key, it names only
 * allowed fields, it is addressed to this station or its ward, its version is newer than the layer's,
 * and the config with it laid over the base passes the station config schema. Otherwise it is refused
 * with the field or reason named, and the layers stay as they were. Documents addressed to other
 * stations or wards (a USB bundle carries them all) are passed over. Accepted layers are written
 * atomically to `fleet/config-layers.json`; the running station then applies at once the settings that
 * are safe to change live (live-config.ts), and at the next start (the nightly relaunch) the whole
 * config is read and checked again.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { StationProblem } from '../../contract/dto';
import { applySettingLayers, configDocumentSigningText, configLayer, parseConfigDocumentText } from '../../core/sync/protocol/fleet/config-document';
import type { ConfigDocument } from '../../core/sync/protocol/fleet/config-document';
import { FleetError, isFleetError } from '../../core/sync/protocol/fleet/fleet-error';
import type { FleetErrorCode } from '../../core/sync/protocol/fleet/fleet-error';
import type { SignedConfig } from '../../core/sync/protocol/fleet/fleet-wire';
import { checkConfig, loadConfig } from '../config/load-config';
import type { ConfigLoad } from '../config/load-config';
import { sha256HexOfBytes, verifySignature } from '../sync/station-crypto';
import { pinnedContentKey } from './content-key-store';
import { fleetPaths, readJsonFile, writeJsonFile } from './fleet-files';

const layerSchema = z.object({ document: z.string(), sig: z.string() }).nullable().default(null);
const layersSchema = z.object({ ward: layerSchema, station: layerSchema });
type StoredLayers = z.infer<typeof layersSchema>;

export interface ConfigVersions {
  readonly ward: number | null;
  readonly station: number | null;
}

const layersFile = (dataDir: string) => join(fleetPaths(dataDir).fleetDir, 'config-layers.json');

function readLayers(dataDir: string): StoredLayers {
  const parsed = layersSchema.safeParse(readJsonFile(layersFile(dataDir)));
  return parsed.success ? parsed.data : { ward: null, station: null };
}

/** Verifies and parses a signed document; throws FleetError. */
export function verifyConfigDocument(signed: SignedConfig, contentKey: string): ConfigDocument {
  if (!verifySignature(contentKey, configDocumentSigningText(sha256HexOfBytes(Buffer.from(signed.document, 'utf8'))), signed.sig)) {
    throw new FleetError('bad_signature', 'a config document is not signed by the city content key');
  }
  return parseConfigDocumentText(signed.document);
}

function layerDocuments(layers: StoredLayers, contentKey: string | null): { ward: ConfigDocument | null; station: ConfigDocument | null } {
  const open = (layer: SignedConfig | null) => {
    if (layer === null || contentKey === null) return null;
    try {
      return verifyConfigDocument(layer, contentKey);
    } catch {
      return null;
    }
  };
  return { ward: open(layers.ward), station: open(layers.station) };
}

export interface EffectiveConfig {
  readonly load: ConfigLoad;
  readonly versions: ConfigVersions;
  readonly notices: StationProblem[];
}

/** The config the kiosk runs: the file with the signed layers over it (the file alone if they do not fit). */
export function loadEffectiveConfig(configPath: string | null, dataDir: string): EffectiveConfig {
  const base = loadConfig(configPath);
  const none = { ward: null, station: null };
  // A demo or broken config is not managed from the hub: it shows as it is.
  if (!base.ok || base.source === 'demo') return { load: base, versions: none, notices: [] };
  const docs = layerDocuments(readLayers(dataDir), pinnedContentKey(dataDir)?.contentPublicKeyRaw ?? null);
  const ward = docs.ward !== null && 'ward_code' in docs.ward.target && docs.ward.target.ward_code === base.config.station.wardCode ? docs.ward : null;
  const station = docs.station !== null && 'station_id' in docs.station.target && docs.station.target.station_id === base.config.station.id ? docs.station : null;
  if (ward === null && station === null) return { load: base, versions: none, notices: [] };
  const merged = checkConfig(applySettingLayers(base.config, [ward?.settings ?? {}, station?.settings ?? {}]));
  if (!merged.ok) {
    const problem = merged.problems[0];
    return { load: base, versions: none, notices: [{ code: 'config_layer_ignored', message: `the hub's signed config does not fit this station's file (${problem?.path}: ${problem?.message}); the file alone is used` }] };
  }
  return { load: merged, versions: { ward: ward?.version ?? null, station: station?.version ?? null }, notices: [] };
}

export interface ConfigApplyResult {
  readonly applied: { readonly layer: 'ward' | 'station'; readonly version: number }[];
  readonly refused: { readonly code: FleetErrorCode; readonly message: string }[];
  /** The layers' versions now stored (they run after the next start). */
  readonly stored: ConfigVersions;
}

/** Takes the documents an answer (or a USB bundle) offers; see the header for the rules. */
export function applyConfigDocuments(p: { dataDir: string; configPath: string | null; documents: readonly SignedConfig[]; contentKey: string }): ConfigApplyResult {
  const base = loadConfig(p.configPath);
  const applied: ConfigApplyResult['applied'][number][] = [];
  const refused: ConfigApplyResult['refused'][number][] = [];
  let layers = readLayers(p.dataDir);
  if (!base.ok || base.source === 'demo') {
    if (p.documents.length > 0) refused.push({ code: 'config_target', message: 'this station has no config file of its own (demo or broken): signed config is not applied' });
    return { applied, refused, stored: { ward: null, station: null } };
  }
  const current = () => layerDocuments(layers, p.contentKey);
  for (const signed of p.documents) {
    try {
      const doc = verifyConfigDocument(signed, p.contentKey);
      const layer = configLayer(doc.target);
      const addressed = 'ward_code' in doc.target ? doc.target.ward_code === base.config.station.wardCode : doc.target.station_id === base.config.station.id;
      // A USB bundle carries every station's documents: others are not for this one.
      if (!addressed) continue;
      const existing = current()[layer];
      if (existing !== null && doc.version < existing.version) throw new FleetError('stale_version', `${layer} config version ${doc.version} is older than version ${existing.version} already applied`);
      if (existing !== null && doc.version === existing.version) continue;
      const others = current();
      const stack = layer === 'ward' ? [doc.settings, others.station?.settings ?? {}] : [others.ward?.settings ?? {}, doc.settings];
      const merged = checkConfig(applySettingLayers(base.config, stack));
      if (!merged.ok) throw new FleetError('config_invalid', `${merged.problems[0]?.path}: ${merged.problems[0]?.message} (the config in use stays)`);
      layers = { ...layers, [layer]: { document: signed.document, sig: signed.sig } };
      writeJsonFile(layersFile(p.dataDir), layers);
      applied.push({ layer, version: doc.version });
    } catch (error) {
      if (!isFleetError(error)) throw error;
      refused.push({ code: error.code, message: error.message });
    }
  }
  const now = current();
  return { applied, refused, stored: { ward: now.ward?.version ?? null, station: now.station?.version ?? null } };
}
