/**
 * Signing a station config document (issue #18 item 3, docs/PROTOCOL.md §11.4) for one station or
 * for every station of a ward. Only the allowed fields pass (core/fleet/config-document.ts, the field
 * named otherwise); `validate` is the station config schema applied to the settings laid over a
 * complete config (the CLI wires it in from the station code), so a document no station could run is
 * never signed. The version is the next of that target's layer.
 */
import { canonicalJson } from '../../electron/core/sync/protocol/canonical-json';
import type { JsonValue } from '../../electron/core/sync/protocol/canonical-json';
import { checkAllowedSettings, CONFIG_DOCUMENT_FORMAT, configDocumentSigningText, parseConfigDocumentText } from '../../electron/core/sync/protocol/fleet/config-document';
import type { ConfigDocument, ConfigTarget } from '../../electron/core/sync/protocol/fleet/config-document';
import { FleetError } from '../../electron/core/sync/protocol/fleet/fleet-error';
import { sha256Hex } from '../crypto/ed25519';
import type { HubContext } from '../hub-context';
import { insertConfigDocument, nextConfigVersion } from '../store/fleet-channel-store';
import { fleetContext } from './fleet-context';

/** Problems of the settings under the station config schema: `[{path, message}]`, empty when valid. */
export type SettingsValidator = (settings: Record<string, unknown>) => readonly { readonly path: string; readonly message: string }[];

export async function signConfigDocument(
  ctx: HubContext,
  p: { target: ConfigTarget; settings: Record<string, unknown>; by: string; validate?: SettingsValidator },
): Promise<{ version: number; document: string }> {
  checkAllowedSettings(p.settings);
  const problem = p.validate?.(p.settings)[0];
  if (problem !== undefined) throw new FleetError('config_invalid', `${problem.path}: ${problem.message}`);
  const fleet = await fleetContext(ctx);
  const kind = 'ward_code' in p.target ? 'ward' : 'station';
  const target = 'ward_code' in p.target ? p.target.ward_code : p.target.station_id;
  return ctx.db.transaction(async (tx) => {
    const version = await nextConfigVersion(tx, { kind, target });
    const document: ConfigDocument = { format: CONFIG_DOCUMENT_FORMAT, target: p.target, version, issued_ms: ctx.now(), settings: p.settings };
    const text = canonicalJson(document as unknown as JsonValue);
    parseConfigDocumentText(text);
    await insertConfigDocument(tx, {
      target_kind: kind,
      target,
      version,
      document: text,
      sig: fleet.contentKey.sign(configDocumentSigningText(sha256Hex(text))),
      signed_by: p.by,
      signed_at: ctx.now(),
    });
    return { version, document: text };
  });
}
